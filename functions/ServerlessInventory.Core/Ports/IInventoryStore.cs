using ServerlessInventory.Core.Domain;

namespace ServerlessInventory.Core.Ports;

/// <summary>
/// The master: each SKU's positions, reservations and ledger, kept together so that one commit changes
/// them atomically. Implemented by the embedded SQLite store and by Cosmos DB; both pass the same
/// contract suite.
/// </summary>
public interface IInventoryStore
{
    /// <summary>
    /// The SKU's positions, its active reservations plus those <paramref name="request"/> names, which of the
    /// named event ids are already in its ledger, the ledger entries after the moment it names (if any), and its
    /// version. A SKU never written loads as version 0.
    /// </summary>
    Task<SkuSnapshot> LoadAsync(Sku sku, SnapshotRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// The snapshots of <paramref name="skus"/> for reading only (each as <see cref="LoadAsync"/> with
    /// <see cref="SnapshotRequest.None"/>), in the order asked. Reconciliation compares a page of SKUs at a time; a store
    /// that can read them together (one transaction, parallel partition reads) overrides this one-by-one default.
    /// </summary>
    async Task<IReadOnlyList<SkuSnapshot>> LoadManyAsync(IReadOnlyList<Sku> skus, CancellationToken cancellationToken)
    {
        var snapshots = new SkuSnapshot[skus.Count];
        for (var i = 0; i < skus.Count; i++)
        {
            snapshots[i] = await LoadAsync(skus[i], SnapshotRequest.None, cancellationToken).ConfigureAwait(false);
        }
        return snapshots;
    }

    /// <summary>
    /// Commits ledger entries, positions and reservations atomically if the SKU is still at
    /// <see cref="SkuCommit.ExpectedVersion"/>; writes nothing and says why otherwise.
    /// </summary>
    Task<CommitResult> CommitAsync(SkuCommit commit, CancellationToken cancellationToken);

    /// <summary>One page of the SKU's ledger, newest first.</summary>
    Task<LedgerPage> ReadLedgerAsync(Sku sku, int pageSize, string? continuation, CancellationToken cancellationToken);

    /// <summary>The SKU a reservation id belongs to, or null when it is unknown.</summary>
    Task<Sku?> FindReservationSkuAsync(ReservationId reservationId, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> reservations still active whose expiry is at or before <paramref name="now"/>.</summary>
    Task<IReadOnlyList<Reservation>> FindLapsedReservationsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);
}

/// <summary>A page of ledger entries, newest first; <see cref="Continuation"/> is null on the last page.</summary>
public sealed record LedgerPage(IReadOnlyList<LedgerEntry> Entries, string? Continuation);
