using ServerlessInventory.Core.Application;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Core.Reconciliation;

/// <summary>
/// Sends a channel the master value again through the push path, never a side door: the value is recorded as owed under
/// the next version of its channel and SKU, and the push round delivers what is owed (recomputing it, so a newer master
/// value still wins). Recording a version that is already recorded is refused by the push state store, so correcting
/// twice (a resumed run, a review resolved again) sends nothing twice.
/// </summary>
public sealed class MasterCorrection(IPushStateStore states, PushAvailabilityHandler push, TimeProvider timeProvider)
{
    public sealed record Correction(ChannelId Channel, Sku Sku, int MasterValue, long Version);

    /// <summary>The correction of one SKU: the version it goes under, the one after what the channel was last sent or owed.</summary>
    public static Correction Next(ChannelId channel, Sku sku, int masterValue, PushState? last) => new(channel, sku, masterValue, (last?.Version ?? 0) + 1);

    public async Task ApplyAsync(IReadOnlyCollection<Correction> corrections, CancellationToken cancellationToken)
    {
        if (corrections.Count == 0)
        {
            return;
        }
        var now = timeProvider.GetUtcNow();
        await states.SaveAsync([.. corrections.Select(c => new PushState(c.Channel, c.Sku, c.MasterValue, c.Version, false, now))], cancellationToken).ConfigureAwait(false);
        await push.HandleAsync(corrections.Select(c => c.Sku), cancellationToken).ConfigureAwait(false);
    }
}
