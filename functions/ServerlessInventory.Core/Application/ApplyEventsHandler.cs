using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Events;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Core.Application;

/// <summary>
/// Applies a delivered batch of one SKU's events in order, as one atomic commit per <see cref="SkuCommit.MaxEvents"/>
/// events (a delivered batch no larger than that, as host.json asks for, is one commit): each event is applied,
/// acknowledged as a duplicate, or rejected with its reason.
/// </summary>
public sealed class ApplyEventsHandler(
    SkuUnitOfWork unitOfWork,
    TimeProvider timeProvider,
    InventoryMetrics metrics)
{
    /// <summary>The outcome of every event, in the order given. Events of another SKU than the first are rejected.</summary>
    public async Task<IReadOnlyList<EventOutcome>> HandleAsync(IReadOnlyList<InventoryEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count <= SkuCommit.MaxEvents)
        {
            return events.Count == 0 ? [] : await CommitAsync(events, events[0].Sku, cancellationToken).ConfigureAwait(false);
        }
        var outcomes = new List<EventOutcome>(events.Count);
        foreach (var chunk in events.Chunk(SkuCommit.MaxEvents))
        {
            outcomes.AddRange(await CommitAsync(chunk, events[0].Sku, cancellationToken).ConfigureAwait(false));
        }
        return outcomes;
    }

    private async Task<IReadOnlyList<EventOutcome>> CommitAsync(IReadOnlyList<InventoryEvent> events, Sku sku, CancellationToken cancellationToken)
    {
        // Only a count needs history, the onHand changes that happened after it was taken, and only a level report needs
        // the levels kept, to keep the newer: both loaded with the SKU, in the same read. A report's level is written by
        // the commit of its ledger entry, so it is kept exactly when its event is applied.
        var request = new SnapshotRequest(
            [.. events.Select(e => e.Key).Distinct()],
            [.. events.OfType<OrderPlaced>().Select(o => o.ReservationId).OfType<ReservationId>().Distinct()],
            events.OfType<StockCounted>().Where(c => c.Sku == sku).Select(c => (DateTimeOffset?)c.CountedAt).Min(),
            ReportedLevels: events.Any(e => e is LevelReported && e.Sku == sku));

        var outcomes = await unitOfWork.ExecuteAsync(sku, request, (inventory, _) =>
        {
            var now = timeProvider.GetUtcNow();
            return ValueTask.FromResult(events.Select(e => inventory.Apply(e, now, inventory.LedgerAfter)).ToList());
        }, cancellationToken).ConfigureAwait(false);

        metrics.Recorded(outcomes);
        return outcomes;
    }
}
