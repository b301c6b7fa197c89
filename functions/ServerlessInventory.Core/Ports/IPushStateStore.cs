using ServerlessInventory.Core.Domain;

namespace ServerlessInventory.Core.Ports;

/// <summary>
/// What a channel was last sent for a SKU, or is owed. <see cref="Version"/> strictly increases per channel and
/// SKU each time the value to show changes; <see cref="Delivered"/> is false while the channel still owes an
/// acknowledgement, so a channel that was down gets the latest value when it is back.
/// </summary>
public sealed record PushState(ChannelId Channel, Sku Sku, int Available, long Version, bool Delivered, DateTimeOffset UpdatedAt)
{
    /// <summary>
    /// The save rule every <see cref="IPushStateStore"/> keeps: this state may replace <paramref name="stored"/> only
    /// when it is newer: nothing is stored yet, or it has a higher version, or it is the same version and value
    /// going from owed to delivered. Everything else (an older version, the same version owed again or with another
    /// value, an equal delivered state) is refused.
    /// </summary>
    public bool Supersedes(PushState? stored) =>
        stored is null
        || Version > stored.Version
        || (Version == stored.Version && Delivered && !stored.Delivered && Available == stored.Available);
}

/// <summary>
/// Push state, read and written a round at a time: one push round touches every channel of many SKUs, and a store
/// call per (channel, SKU) would cost more than the pushes themselves.
/// </summary>
/// <remarks>
/// In Azure several function instances may push the same (channel, SKU) at once, so a save is conditional
/// (<see cref="PushState.Supersedes"/>): an older value never replaces a newer one, and two instances can never
/// give the same version to two values; the one whose save is refused does not own that version.
/// </remarks>
public interface IPushStateStore
{
    /// <summary>Every channel's state of each SKU given; a (channel, SKU) never pushed has none.</summary>
    Task<IReadOnlyList<PushState>> GetAsync(IReadOnlyCollection<Sku> skus, CancellationToken cancellationToken);

    /// <summary>
    /// Saves each state that <see cref="PushState.Supersedes"/> its (channel, SKU)'s stored one, each decided on its
    /// own and atomically against concurrent savers, and returns the states it refused (written nowhere).
    /// </summary>
    Task<IReadOnlyList<PushState>> SaveAsync(IReadOnlyList<PushState> states, CancellationToken cancellationToken);

    /// <summary>States not yet delivered, oldest first.</summary>
    Task<IReadOnlyList<PushState>> ListUndeliveredAsync(int limit, CancellationToken cancellationToken);
}
