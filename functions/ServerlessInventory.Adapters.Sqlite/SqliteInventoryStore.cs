using System.Globalization;
using Microsoft.Data.Sqlite;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;
using ServerlessInventory.Core.Serialization;

namespace ServerlessInventory.Adapters.Sqlite;

/// <summary>
/// The master on SQLite. A commit is one immediate transaction: the head row's version is checked,
/// then ledger, positions, reservations, open orders, the change-feed row and the reported levels the decision kept
/// are written together or not at all.
/// </summary>
public sealed class SqliteInventoryStore(SqliteDatabase database) : IInventoryStore
{
    private readonly HotSkuCache _hot = new();

    public Task<SkuSnapshot> LoadAsync(Sku sku, SnapshotRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(database.Read((connection, transaction) => Snapshot(connection, transaction, sku, request)));

    /// <summary>
    /// All in one read transaction, each query prepared once and bound to each SKU in turn: opening a transaction and
    /// preparing the queries for every SKU cost more than running them.
    /// </summary>
    public Task<IReadOnlyList<SkuSnapshot>> LoadManyAsync(IReadOnlyList<Sku> skus, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SkuSnapshot>>(database.Read((connection, transaction) =>
        {
            using var head = connection.Command(transaction, HeadQuery, ("$sku", ""));
            using var positions = connection.Command(transaction, PositionsQuery, ("$sku", ""));
            using var reservations = connection.Command(transaction, ActiveReservationsQuery, ("$sku", ""));
            using var openOrders = connection.Command(transaction, OpenOrdersQuery, ("$sku", ""));
            SqliteCommand[] bound = [head, positions, reservations, openOrders];
            var snapshots = new SkuSnapshot[skus.Count];
            for (var i = 0; i < skus.Count; i++)
            {
                foreach (var command in bound)
                {
                    command.Parameters["$sku"].Value = skus[i].Value;
                }
                snapshots[i] = new SkuSnapshot(skus[i], head.ExecuteScalar() is long version ? version : 0, null,
                    SqliteRows.Positions(positions), SqliteRows.Reservations(reservations), new HashSet<EventKey>(), [], SqliteRows.OpenOrders(openOrders));
            }
            return snapshots;
        }));

    private SkuSnapshot Snapshot(SqliteConnection connection, SqliteTransaction transaction, Sku sku, SnapshotRequest request)
    {
        var version = HeadVersion(connection, transaction, sku);
        if (!_hot.TryGet(sku, version, out var state))
        {
            state = new HotSku(version, ReadPositions(connection, transaction, sku), ReadActiveReservations(connection, transaction, sku), ReadOpenOrders(connection, transaction, sku));
            _hot.Remember(sku, state);
        }
        var settled = ReadSettledReservations(connection, transaction, sku, request.ReservationIds);
        IReadOnlyList<Reservation> reservations = settled.Count == 0 ? state.ActiveReservations : [.. state.ActiveReservations, .. settled];
        var applied = ExistingEvents(connection, transaction, sku, request.Events);
        var after = request.LedgerAfter is { } moment ? LedgerAfter(connection, transaction, sku, moment) : [];
        var levels = request.ReportedLevels ? SqliteReportedLevelStore.OfSku(connection, transaction, sku) : null;
        return new SkuSnapshot(sku, version, null, state.Positions, reservations, applied, after, state.OpenOrders, levels);
    }

    public async Task<CommitResult> CommitAsync(SkuCommit commit, CancellationToken cancellationToken)
    {
        var result = await WriteAsync(commit, cancellationToken).ConfigureAwait(false);
        if (result is CommitResult.Committed)
        {
            _hot.Advance(commit);
        }
        return result;
    }

    private Task<CommitResult> WriteAsync(SkuCommit commit, CancellationToken cancellationToken)
    {
        // Serialized before taking the write lock: every microsecond under it is one no other writer can use.
        var bodies = commit.Ledger.Select(LedgerEntryJson.Serialize).ToArray();
        return database.WriteGroupedAsync<CommitResult>((connection, transaction) =>
        {
            if (HeadVersion(connection, transaction, commit.Sku) != commit.ExpectedVersion)
            {
                return new CommitResult.VersionConflict();
            }
            var duplicates = ExistingEvents(connection, transaction, commit.Sku, [.. commit.Ledger.Select(e => e.EventKey)]);
            if (duplicates.Count > 0)
            {
                return new CommitResult.DuplicateEvents([.. duplicates]);
            }
            SqliteWrites.Head(connection, transaction, commit.Sku, commit.NewVersion);
            SqliteWrites.Ledger(connection, transaction, commit.Ledger, bodies);
            SqliteWrites.Positions(connection, transaction, commit.Sku, commit.Positions);
            SqliteWrites.Reservations(connection, transaction, commit.Reservations);
            SqliteWrites.OpenOrders(connection, transaction, commit.Sku, commit.OpenOrders);
            SqliteWrites.Change(connection, transaction, commit.Sku, commit.NewVersion);
            SqliteWrites.ReportedLevels(connection, transaction, commit.Levels);
            return new CommitResult.Committed(commit.NewVersion);
        }, cancellationToken);
    }

    public Task<LedgerPage> ReadLedgerAsync(Sku sku, int pageSize, string? continuation, CancellationToken cancellationToken) =>
        Task.FromResult(database.Read((connection, transaction) =>
        {
            var before = continuation is null ? long.MaxValue : ParseContinuation(continuation);
            var command = connection.Prepared(transaction,
                "SELECT body, seq FROM ledger WHERE sku = $sku AND seq < $before ORDER BY seq DESC LIMIT $take",
                ("$sku", sku.Value), ("$before", before), ("$take", pageSize + 1));
            var entries = new List<LedgerEntry>(pageSize);
            long lastSeq = 0;
            var more = false;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (entries.Count == pageSize)
                {
                    more = true;
                    break;
                }
                entries.Add(LedgerEntryJson.Deserialize(reader.GetString(0)));
                lastSeq = reader.GetInt64(1);
            }
            return new LedgerPage(entries, more ? lastSeq.ToString(CultureInfo.InvariantCulture) : null);
        }));

    public Task<Sku?> FindReservationSkuAsync(ReservationId reservationId, CancellationToken cancellationToken) =>
        Task.FromResult(database.Read<Sku?>((connection, transaction) =>
        {
            var command = connection.Prepared(transaction, "SELECT sku FROM reservations WHERE id = $id", ("$id", reservationId.Value));
            return command.ExecuteScalar() is string sku ? new Sku(sku) : null;
        }));

    public Task<IReadOnlyList<Reservation>> FindLapsedReservationsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        Task.FromResult(database.Read<IReadOnlyList<Reservation>>((connection, transaction) =>
        {
            var command = connection.Prepared(transaction,
                $"SELECT {SqliteRows.ReservationColumns} FROM reservations WHERE status = 'active' AND expires_at <= $now ORDER BY expires_at LIMIT $take",
                ("$now", now.UtcTicks), ("$take", limit));
            return SqliteRows.Reservations(command);
        }));

    private const string HeadQuery = "SELECT version FROM sku_heads WHERE sku = $sku";

    private const string PositionsQuery = "SELECT location, on_hand, unsellable, committed, incoming, last_counted_at FROM positions WHERE sku = $sku";

    private const string OpenOrdersQuery = "SELECT order_id, location, channel, quantity FROM open_orders WHERE sku = $sku";

    private const string ActiveReservationsQuery = $"SELECT {SqliteRows.ReservationColumns} FROM reservations WHERE sku = $sku AND status = 'active'";

    private static long HeadVersion(SqliteConnection connection, SqliteTransaction transaction, Sku sku)
    {
        var command = connection.Prepared(transaction, HeadQuery, ("$sku", sku.Value));
        return command.ExecuteScalar() is long version ? version : 0;
    }

    private static List<PositionState> ReadPositions(SqliteConnection connection, SqliteTransaction transaction, Sku sku)
    {
        var command = connection.Prepared(transaction, PositionsQuery, ("$sku", sku.Value));
        return SqliteRows.Positions(command);
    }

    private static List<OpenOrder> ReadOpenOrders(SqliteConnection connection, SqliteTransaction transaction, Sku sku)
    {
        var command = connection.Prepared(transaction, OpenOrdersQuery, ("$sku", sku.Value));
        return SqliteRows.OpenOrders(command);
    }

    private static List<Reservation> ReadActiveReservations(SqliteConnection connection, SqliteTransaction transaction, Sku sku)
    {
        var command = connection.Prepared(transaction, ActiveReservationsQuery, ("$sku", sku.Value));
        return SqliteRows.Reservations(command);
    }

    /// <summary>
    /// The asked reservations that are no longer active, by their ids. A query of its own rather than an OR beside
    /// the active ones: with the OR, SQLite walks every reservation the SKU ever had, so each checkout got slower with
    /// the SKU's history.
    /// </summary>
    private static List<Reservation> ReadSettledReservations(SqliteConnection connection, SqliteTransaction transaction, Sku sku, IReadOnlyCollection<ReservationId> ids)
    {
        if (ids.Count == 0)
        {
            return [];
        }
        var values = ids.Select(i => i.Value).ToList();
        using var command = connection.Command(transaction,
            $"SELECT {SqliteRows.ReservationColumns} FROM reservations WHERE id IN ({SqliteCommands.InList("$r", values.Count)}) AND sku = $sku AND status <> 'active'",
            ("$sku", sku.Value));
        command.AddList("$r", values);
        return SqliteRows.Reservations(command);
    }

    private static HashSet<EventKey> ExistingEvents(SqliteConnection connection, SqliteTransaction transaction, Sku sku, IReadOnlyCollection<EventKey> keys)
    {
        var asked = keys.ToDictionary(k => k.Value, StringComparer.Ordinal);
        var found = new HashSet<EventKey>();
        // SQLite allows 32,766 parameters per statement; chunks keep far below that.
        foreach (var chunk in asked.Keys.Chunk(500))
        {
            using var command = connection.Command(transaction,
                $"SELECT event_key FROM ledger WHERE sku = $sku AND event_key IN ({SqliteCommands.InList("$e", chunk.Length)})",
                ("$sku", sku.Value));
            command.AddList("$e", chunk);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                found.Add(asked[reader.GetString(0)]);
            }
        }
        return found;
    }

    private static List<LedgerEntry> LedgerAfter(SqliteConnection connection, SqliteTransaction transaction, Sku sku, DateTimeOffset moment)
    {
        using var command = connection.Command(transaction,
            "SELECT body FROM ledger WHERE sku = $sku AND event_time > $after ORDER BY seq",
            ("$sku", sku.Value), ("$after", moment.UtcTicks));
        return ReadEntries(command);
    }

    private static List<LedgerEntry> ReadEntries(SqliteCommand command)
    {
        var entries = new List<LedgerEntry>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            entries.Add(LedgerEntryJson.Deserialize(reader.GetString(0)));
        }
        return entries;
    }

    private static long ParseContinuation(string continuation) =>
        long.TryParse(continuation, NumberStyles.None, CultureInfo.InvariantCulture, out var seq) && seq > 0
            ? seq
            : throw new DomainValidationException("continuation", "is not a continuation this store issued");
}
