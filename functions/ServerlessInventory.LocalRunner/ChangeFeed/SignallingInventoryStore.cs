using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;
using ServerlessInventory.LocalRunner.Messaging;

namespace ServerlessInventory.LocalRunner.ChangeFeed;

/// <summary>The store, waking the change-feed pump after every commit, so a change is pushed without waiting for a poll.</summary>
public sealed class SignallingInventoryStore(IInventoryStore store, ChangeFeedSignal committed) : IInventoryStore
{
    public async Task<CommitResult> CommitAsync(SkuCommit commit, CancellationToken cancellationToken)
    {
        var result = await store.CommitAsync(commit, cancellationToken).ConfigureAwait(false);
        if (result is CommitResult.Committed)
        {
            committed.Pulse(1);
        }
        return result;
    }

    public Task<SkuSnapshot> LoadAsync(Sku sku, SnapshotRequest request, CancellationToken cancellationToken) => store.LoadAsync(sku, request, cancellationToken);

    public Task<IReadOnlyList<SkuSnapshot>> LoadManyAsync(IReadOnlyList<Sku> skus, CancellationToken cancellationToken) => store.LoadManyAsync(skus, cancellationToken);

    public Task<LedgerPage> ReadLedgerAsync(Sku sku, int pageSize, string? continuation, CancellationToken cancellationToken) =>
        store.ReadLedgerAsync(sku, pageSize, continuation, cancellationToken);

    public Task<Sku?> FindReservationSkuAsync(ReservationId reservationId, CancellationToken cancellationToken) =>
        store.FindReservationSkuAsync(reservationId, cancellationToken);

    public Task<IReadOnlyList<Reservation>> FindLapsedReservationsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        store.FindLapsedReservationsAsync(now, limit, cancellationToken);
}
