using ServerlessInventory.Core.Domain;

namespace ServerlessInventory.Core.Ports;

/// <summary>
/// What a channel was last sent for a SKU, or is owed. <see cref="Version"/> strictly increases per channel and
/// SKU each time the value to show changes; <see cref="Delivered"/> is false while the channel still owes an
/// acknowledgement, so a channel that was down gets the latest value when it is back.
/// </summary>
public sealed record PushState(ChannelId Channel, Sku Sku, int Available, long Version, bool Delivered, DateTimeOffset UpdatedAt);

/// <summary>
/// Push state, read and written a round at a time: one push round touches every channel of many SKUs, and a store
/// call per (channel, SKU) would cost more than the pushes themselves.
/// </summary>
public interface IPushStateStore
{
    /// <summary>Every channel's state of each SKU given; a (channel, SKU) never pushed has none.</summary>
    Task<IReadOnlyList<PushState>> GetAsync(IReadOnlyCollection<Sku> skus, CancellationToken cancellationToken);

    /// <summary>Saves all of them, each replacing its (channel, SKU)'s previous state.</summary>
    Task SaveAsync(IReadOnlyList<PushState> states, CancellationToken cancellationToken);

    /// <summary>States not yet delivered, oldest first.</summary>
    Task<IReadOnlyList<PushState>> ListUndeliveredAsync(int limit, CancellationToken cancellationToken);
}
