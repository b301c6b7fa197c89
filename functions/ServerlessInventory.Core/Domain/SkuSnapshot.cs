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

/// <summary>
/// Everything one decision changed for a SKU, committed atomically only if the version still matches. At most
/// <see cref="MaxItems"/> ledger entries and reservations together, so that every store can commit it in one atomic
/// write: Cosmos DB's transactional batch holds 100 operations, one of which is the SKU's head.
/// </summary>
public sealed record SkuCommit(
    Sku Sku,
    long ExpectedVersion,
    string? ConcurrencyToken,
    IReadOnlyList<LedgerEntry> Ledger,
    IReadOnlyList<PositionState> Positions,
    IReadOnlyList<Reservation> Reservations)
{
    /// <summary>Most ledger entries plus reservations in one commit (the head is the hundredth write).</summary>
    public const int MaxItems = 99;

    /// <summary>
    /// Most events one commit applies: each writes at most a ledger entry and changes at most one reservation
    /// (an order placed against a hold), so this many always fit in <see cref="MaxItems"/>.
    /// </summary>
    public const int MaxEvents = MaxItems / 2;

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
