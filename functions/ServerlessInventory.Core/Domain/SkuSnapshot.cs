using ServerlessInventory.Core.Ports;

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
    IReadOnlySet<EventKey> AppliedEvents,
    IReadOnlyList<LedgerEntry>? LedgerAfter = null,
    IReadOnlyList<OpenOrder>? OpenOrders = null,
    IReadOnlyList<ReportedLevel>? ReportedLevels = null)
{
    /// <summary>
    /// Ledger entries whose event time is strictly after <see cref="SnapshotRequest.LedgerAfter"/>, in applied order;
    /// empty when the request asked for none. A cycle count needs them: the changes that happened after it was taken.
    /// </summary>
    public IReadOnlyList<LedgerEntry> LedgerAfter { get; init; } = LedgerAfter ?? [];

    /// <summary>The SKU's orders with units still committed, each with the channel that placed it.</summary>
    public IReadOnlyList<OpenOrder> OpenOrders { get; init; } = OpenOrders ?? [];

    /// <summary>
    /// The channels' latest reported levels of the SKU, when <see cref="SnapshotRequest.ReportedLevels"/> asked for them
    /// (empty otherwise): a level report changes them only if it is newer than the one kept.
    /// </summary>
    public IReadOnlyList<ReportedLevel> ReportedLevels { get; init; } = ReportedLevels ?? [];

    public static SkuSnapshot Empty(Sku sku) => new(sku, 0, null, [], [], new HashSet<EventKey>());
}

/// <summary>
/// What a load must include besides positions and active reservations: which of these events (by their identity,
/// source and id) are already in the ledger, these reservations whatever their status, and, when <paramref name="LedgerAfter"/> is given,
/// the ledger entries of events that happened after that moment, and, when <paramref name="ReportedLevels"/> is set, the
/// channels' reported levels of the SKU (only a batch with a level report needs them). All in the same read, so a
/// delivered batch costs one read of its SKU whatever it holds.
/// </summary>
public sealed record SnapshotRequest(
    IReadOnlyCollection<EventKey> Events,
    IReadOnlyCollection<ReservationId> ReservationIds,
    DateTimeOffset? LedgerAfter = null,
    bool ReportedLevels = false)
{
    public static SnapshotRequest None { get; } = new([], []);
}

/// <summary>
/// Everything one decision changed for a SKU, committed atomically only if the version still matches. At most
/// <see cref="MaxItems"/> ledger entries, reservations and reported levels together, so that every store can commit it
/// in one atomic write: Cosmos DB's transactional batch holds 100 operations, one of which is the SKU's head.
/// </summary>
public sealed record SkuCommit(
    Sku Sku,
    long ExpectedVersion,
    string? ConcurrencyToken,
    IReadOnlyList<LedgerEntry> Ledger,
    IReadOnlyList<PositionState> Positions,
    IReadOnlyList<Reservation> Reservations,
    IReadOnlyList<OpenOrder>? OpenOrders = null,
    IReadOnlyList<ReportedLevel>? Levels = null)
{
    /// <summary>
    /// The open orders this decision changed, with their new quantities; a closed one (zero) is removed. Kept in the
    /// SKU's head rather than as items of their own, so they never count against <see cref="MaxItems"/>.
    /// </summary>
    public IReadOnlyList<OpenOrder> OpenOrders { get; init; } = OpenOrders ?? [];

    /// <summary>
    /// Reported levels this decision kept, each newer than the one it replaces: written with the ledger entry of the
    /// report that carried it, so a report is kept exactly when its event is applied.
    /// </summary>
    public IReadOnlyList<ReportedLevel> Levels { get; init; } = Levels ?? [];

    /// <summary>Most ledger entries, reservations and reported levels in one commit (the head is the hundredth write).</summary>
    public const int MaxItems = 99;

    /// <summary>The items this commit writes besides the head; at most <see cref="MaxItems"/>.</summary>
    public int ItemCount => Ledger.Count + Reservations.Count + Levels.Count;

    /// <summary>
    /// Most events one commit applies: each writes at most a ledger entry and one more item (the reservation an order
    /// placed against a hold converts, or the level a report keeps), so this many always fit in <see cref="MaxItems"/>.
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

    /// <summary>These events (source and id) are already in the ledger: nothing was written.</summary>
    public sealed record DuplicateEvents(IReadOnlyList<EventKey> Events) : CommitResult;
}
