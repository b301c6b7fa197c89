using ServerlessInventory.Core.Domain;

namespace ServerlessInventory.Core.Ports;

/// <summary>A channel's availability of one SKU, as pushed. <see cref="Version"/> strictly increases per channel and SKU.</summary>
public sealed record AvailabilityUpdate(ChannelId Channel, Sku Sku, int Available, long Version);

/// <summary>Delivers availability to a channel (its push URL, its own API, or a log line).</summary>
public interface IAvailabilitySink
{
    Task PushAsync(AvailabilityUpdate update, CancellationToken cancellationToken);
}
