using System.Globalization;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Core.Tests.Support;

/// <summary>
/// A dictionary-backed fake of the master for logic tests of the handlers only: it honours version checks
/// and duplicate event ids, and can be told to answer <see cref="CommitResult.VersionConflict"/> a number of
/// times. It is not a reference implementation of <see cref="IInventoryStore"/>.
/// </summary>
/// Reported levels a commit keeps are also recorded in <paramref name="levels"/>, when given, as if both shared one file.
internal sealed class InMemoryInventoryStore(Testing.InMemoryReportedLevelStore? levels = null) : IInventoryStore, ISkuDirectory
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Sku, SkuState> _skus = [];

    /// <summary>How many of the next commits answer a version conflict without writing.</summary>
    public int ConflictsToInject { get; set; }

    /// <summary>Every commit attempted, conflicting or not.</summary>
    public int CommitAttempts { get; private set; }

    /// <summary>Commits that wrote.</summary>
    public int Commits { get; private set; }

    /// <summary>The page size of the last ledger page read.</summary>
    public int? LastPageSize { get; private set; }

    public long VersionOf(Sku sku)
    {
        lock (_gate)
        {
            return _skus.TryGetValue(sku, out var state) ? state.Version : 0;
        }
    }

    public PositionState? PositionOf(Sku sku, LocationId location)
    {
        lock (_gate)
        {
            return _skus.TryGetValue(sku, out var state) ? state.Positions.GetValueOrDefault(location) : null;
        }
    }

    public Reservation? ReservationOf(Sku sku, ReservationId id)
    {
        lock (_gate)
        {
            return _skus.TryGetValue(sku, out var state) ? state.Reservations.GetValueOrDefault(id) : null;
        }
    }

    public IReadOnlyList<LedgerEntry> LedgerOf(Sku sku)
    {
        lock (_gate)
        {
            return _skus.TryGetValue(sku, out var state) ? [.. state.Ledger] : [];
        }
    }

    /// <summary>Writes positions directly, as if earlier commits had made them.</summary>
    public void Seed(Sku sku, params PositionState[] positions)
    {
        lock (_gate)
        {
            var state = StateOf(sku);
            foreach (var position in positions)
            {
                state.Positions[position.Location] = position;
            }
            state.Version++;
        }
    }

    public Task<SkuSnapshot> LoadAsync(Sku sku, SnapshotRequest request, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_skus.TryGetValue(sku, out var state))
            {
                return Task.FromResult(SkuSnapshot.Empty(sku));
            }
            var reservations = state.Reservations.Values
                .Where(r => r.Status == ReservationStatus.Active || request.ReservationIds.Contains(r.Id))
                .ToList();
            var applied = request.Events.Where(state.AppliedIds.Contains).ToHashSet();
            IReadOnlyList<LedgerEntry> after = request.LedgerAfter is { } moment ? [.. state.Ledger.Where(e => e.Event.Time > moment)] : [];
            IReadOnlyList<ReportedLevel>? kept = request.ReportedLevels ? [.. state.Levels.Values] : null;
            return Task.FromResult(new SkuSnapshot(sku, state.Version, Token(state.Version), [.. state.Positions.Values], reservations, applied, after, [.. state.OpenOrders.Values], kept));
        }
    }

    public Task<CommitResult> CommitAsync(SkuCommit commit, CancellationToken cancellationToken)
    {
        // Every real store commits atomically only up to this size (Cosmos DB's 100-operation batch).
        if (commit.ItemCount > SkuCommit.MaxItems)
        {
            throw new InvalidOperationException($"a commit of {commit.ItemCount} items exceeds {SkuCommit.MaxItems}");
        }
        lock (_gate)
        {
            CommitAttempts++;
            if (ConflictsToInject > 0)
            {
                ConflictsToInject--;
                return Task.FromResult<CommitResult>(new CommitResult.VersionConflict());
            }
            var state = StateOf(commit.Sku);
            if (state.Version != commit.ExpectedVersion)
            {
                return Task.FromResult<CommitResult>(new CommitResult.VersionConflict());
            }
            var duplicates = commit.Ledger.Select(e => e.EventKey).Where(state.AppliedIds.Contains).ToList();
            if (duplicates.Count > 0)
            {
                return Task.FromResult<CommitResult>(new CommitResult.DuplicateEvents(duplicates));
            }
            foreach (var entry in commit.Ledger)
            {
                state.Ledger.Add(entry);
                state.AppliedIds.Add(entry.EventKey);
            }
            foreach (var position in commit.Positions)
            {
                state.Positions[position.Location] = position;
            }
            foreach (var reservation in commit.Reservations)
            {
                state.Reservations[reservation.Id] = reservation;
            }
            foreach (var order in commit.OpenOrders)
            {
                if (order.IsClosed)
                {
                    state.OpenOrders.Remove((order.OrderId, order.Location));
                }
                else
                {
                    state.OpenOrders[(order.OrderId, order.Location)] = order;
                }
            }
            foreach (var level in commit.Levels)
            {
                state.Levels[(level.Channel, level.Location)] = level;
            }
            levels?.RecordAsync(commit.Levels, CancellationToken.None);
            state.Version = commit.NewVersion;
            Commits++;
            return Task.FromResult<CommitResult>(new CommitResult.Committed(state.Version));
        }
    }

    public Task<LedgerPage> ReadLedgerAsync(Sku sku, int pageSize, string? continuation, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            LastPageSize = pageSize;
            var newestFirst = _skus.TryGetValue(sku, out var state) ? Enumerable.Reverse(state.Ledger).ToList() : [];
            var offset = continuation is null ? 0 : int.Parse(continuation, CultureInfo.InvariantCulture);
            var page = newestFirst.Skip(offset).Take(pageSize).ToList();
            var next = offset + page.Count < newestFirst.Count ? (offset + page.Count).ToString(CultureInfo.InvariantCulture) : null;
            return Task.FromResult(new LedgerPage(page, next));
        }
    }

    public Task<IReadOnlyList<Sku>> ListSkusAsync(Sku? after, int pageSize, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<Sku> skus = [.. _skus.Keys.Where(s => after is null || string.CompareOrdinal(s.Value, after.Value.Value) > 0)
                .OrderBy(s => s.Value, StringComparer.Ordinal).Take(pageSize)];
            return Task.FromResult(skus);
        }
    }

    public Task<Sku?> FindReservationSkuAsync(ReservationId reservationId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var owner = _skus.Values.FirstOrDefault(s => s.Reservations.ContainsKey(reservationId));
            return Task.FromResult(owner?.Sku);
        }
    }

    public Task<IReadOnlyList<Reservation>> FindLapsedReservationsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<Reservation> lapsed = [.. _skus.Values
                .SelectMany(s => s.Reservations.Values)
                .Where(r => r.IsLapsedAt(now))
                .OrderBy(r => r.ExpiresAt)
                .Take(limit)];
            return Task.FromResult(lapsed);
        }
    }

    private static string Token(long version) => $"etag-{version.ToString(CultureInfo.InvariantCulture)}";

    private SkuState StateOf(Sku sku)
    {
        if (!_skus.TryGetValue(sku, out var state))
        {
            state = new SkuState(sku);
            _skus[sku] = state;
        }
        return state;
    }

    private sealed class SkuState(Sku sku)
    {
        public Sku Sku { get; } = sku;

        public long Version { get; set; }

        public Dictionary<LocationId, PositionState> Positions { get; } = [];

        public Dictionary<ReservationId, Reservation> Reservations { get; } = [];

        public Dictionary<(string, LocationId), OpenOrder> OpenOrders { get; } = [];

        public List<LedgerEntry> Ledger { get; } = [];

        public HashSet<EventKey> AppliedIds { get; } = [];

        public Dictionary<(ChannelId, LocationId?), ReportedLevel> Levels { get; } = [];
    }
}
