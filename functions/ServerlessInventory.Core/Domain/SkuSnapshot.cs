namespace ServerlessInventory.Core.Domain;

/// <summary>
/// A SKU's state as loaded from a store, with the <see cref="Version"/> a commit must still match.
/// <see cref="ConcurrencyToken"/> is the store's own token for that version (an ETag), opaque to Core.
/// </summary>
public sealed record SkuSnapshot(
    Sku Sku,
    long Version,
    string? ConcurrencyToken,
    IReadOnlyList<PositionState> Positions,
    IReadOnlyList<Reservation> Reservations,
    IReadOnlySet<EventId> AppliedEventIds)
{
    public static SkuSnapshot Empty(Sku sku) => new(sku, 0, null, [], [], new HashSet<EventId>());
}

/// <summary>
/// What a load must include besides positions and active reservations: which of these event ids are
/// already in the ledger, and these reservations whatever their status.
/// </summary>
public sealed record SnapshotRequest(IReadOnlyCollection<EventId> EventIds, IReadOnlyCollection<ReservationId> ReservationIds)
{
    public static SnapshotRequest None { get; } = new([], []);
}

/// <summary>Everything one decision changed for a SKU, committed atomically only if the version still matches.</summary>
public sealed record SkuCommit(
    Sku Sku,
    long ExpectedVersion,
    string? ConcurrencyToken,
    IReadOnlyList<LedgerEntry> Ledger,
    IReadOnlyList<PositionState> Positions,
    IReadOnlyList<Reservation> Reservations)
{
    public long NewVersion => ExpectedVersion + 1;
}

/// <summary>How a commit ended. Conflicts and duplicates are expected under concurrency, so they are results.</summary>
public abstract record CommitResult
{
    private CommitResult() { }

    public sealed record Committed(long Version) : CommitResult;

    /// <summary>Another writer committed first: reload and decide again.</summary>
    public sealed record VersionConflict : CommitResult;

    /// <summary>These event ids are already in the ledger: nothing was written.</summary>
    public sealed record DuplicateEvents(IReadOnlyList<EventId> EventIds) : CommitResult;
}
