using ServerlessInventory.Core.Domain;

namespace ServerlessInventory.Core.Ports;

/// <summary>
/// What a channel was last sent for a SKU, or is owed. <see cref="Version"/> strictly increases per channel and
/// SKU each time the value to show changes; <see cref="Delivered"/> is false while the channel still owes an
/// acknowledgement, so a channel that was down gets the latest value when it is back.
/// </summary>
public sealed record PushState(ChannelId Channel, Sku Sku, int Available, long Version, bool Delivered, DateTimeOffset UpdatedAt);

public interface IPushStateStore
{
    Task<PushState?> GetAsync(ChannelId channel, Sku sku, CancellationToken cancellationToken);

    Task SaveAsync(PushState state, CancellationToken cancellationToken);

    /// <summary>States not yet delivered, oldest first.</summary>
    Task<IReadOnlyList<PushState>> ListUndeliveredAsync(int limit, CancellationToken cancellationToken);
}
