using Microsoft.Data.Sqlite;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Adapters.Sqlite;

/// <summary>
/// Reconciliation reports on SQLite: a row per run and a row per discrepancy, saved in one transaction (saving a run
/// again replaces it and all its discrepancies; appending replaces only the SKUs given). Runs are listed newest first
/// by start, ties by run id, and discrepancies by SKU, each with a keyset continuation.
/// </summary>
public sealed class SqliteReconciliationReportStore(SqliteDatabase database) : IReconciliationReportStore
{
    private const string RunColumns = "run_id, channel, started_at, finished_at, skus_compared, discrepancies, auto_corrected, raised_for_review, "
        + "status, checkpoint, in_agreement, in_flight, missed_push, stale_channel, missed_event, unknown_cause, variance_units";

    private const string DiscrepancyColumns = "sku, master_value, channel_value, likely_cause, action, reported_at, location, correction_version, resolution, resolved_by, resolved_at";

    public Task SaveAsync(ReconciliationRun run, IReadOnlyList<Discrepancy> discrepancies, CancellationToken cancellationToken) =>
        WriteAsync(run, discrepancies, replaceAll: true, cancellationToken);

    public Task AppendAsync(ReconciliationRun run, IReadOnlyList<Discrepancy> added, CancellationToken cancellationToken) =>
        WriteAsync(run, added, replaceAll: false, cancellationToken);

    private Task<int> WriteAsync(ReconciliationRun run, IReadOnlyList<Discrepancy> discrepancies, bool replaceAll, CancellationToken cancellationToken)
    {
        ReconciliationReports.EnsureOnePerSku(discrepancies);
        return database.WriteAsync((connection, transaction) =>
        {
            using (var upsert = connection.Command(transaction, $"INSERT OR REPLACE INTO reconciliation_runs ({RunColumns}) VALUES ($run, $channel, $started, $finished, $compared, $discrepancies, $corrected, $raised, $status, $checkpoint, $agreeing, $inFlight, $missedPush, $stale, $missedEvent, $unknown, $variance)",
                ("$run", run.RunId), ("$channel", run.Channel.Value), ("$started", run.StartedAt.UtcTicks), ("$finished", run.FinishedAt.UtcTicks),
                ("$compared", run.SkusCompared), ("$discrepancies", run.Discrepancies), ("$corrected", run.AutoCorrected), ("$raised", run.RaisedForReview),
                ("$status", run.Status.ToString()), ("$checkpoint", run.Checkpoint), ("$agreeing", run.InAgreement), ("$inFlight", run.InFlight),
                ("$missedPush", run.MissedPush), ("$stale", run.StaleChannel), ("$missedEvent", run.MissedEvent), ("$unknown", run.UnknownCause), ("$variance", run.VarianceUnits)))
            {
                upsert.ExecuteNonQuery();
            }
            if (replaceAll)
            {
                using var clear = connection.Command(transaction, "DELETE FROM reconciliation_discrepancies WHERE run_id = $run", ("$run", run.RunId));
                clear.ExecuteNonQuery();
            }
            using var insert = connection.Command(transaction,
                $"INSERT OR REPLACE INTO reconciliation_discrepancies (run_id, {DiscrepancyColumns}) VALUES ($run, $sku, $master, $channel, $cause, $action, $reportedAt, $location, $version, $resolution, $resolvedBy, $resolvedAt)",
                ("$run", run.RunId));
            string[] names = ["$sku", "$master", "$channel", "$cause", "$action", "$reportedAt", "$location", "$version", "$resolution", "$resolvedBy", "$resolvedAt"];
            var parameters = names.Select(n => insert.Parameters.AddWithValue(n, DBNull.Value)).ToArray();
            foreach (var d in discrepancies)
            {
                object?[] values =
                [
                    d.Sku.Value, d.MasterValue, d.ChannelValue, d.LikelyCause.ToString(), d.Action.ToString(), SqliteCommands.Ticks(d.ReportedAt),
                    d.Location?.Value, d.CorrectionVersion, d.Review?.Resolution.ToString(), d.Review?.ResolvedBy, SqliteCommands.Ticks(d.Review?.ResolvedAt),
                ];
                for (var i = 0; i < values.Length; i++)
                {
                    parameters[i].Value = values[i] ?? DBNull.Value;
                }
                insert.ExecuteNonQuery();
            }
            return discrepancies.Count;
        }, cancellationToken);
    }

    public Task<ReconciliationReport?> GetAsync(string runId, int pageSize, string? continuation, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        return Task.FromResult(database.Read((connection, transaction) =>
        {
            using var runCommand = connection.Command(transaction, $"SELECT {RunColumns} FROM reconciliation_runs WHERE run_id = $run", ("$run", runId));
            ReconciliationRun? run;
            using (var reader = runCommand.ExecuteReader())
            {
                run = reader.Read() ? ReadRun(reader) : null;
            }
            if (run is null)
            {
                return null;
            }
            var after = continuation is null ? "" : SqliteContinuation.Decode(continuation).Key;
            using var command = connection.Command(transaction,
                $"SELECT {DiscrepancyColumns} FROM reconciliation_discrepancies WHERE run_id = $run AND sku > $after ORDER BY sku LIMIT $take",
                ("$run", runId), ("$after", after), ("$take", pageSize + 1));
            return new ReconciliationReport(run, SqliteContinuation.Page(command, pageSize, ReadDiscrepancy, d => (0L, d.Sku.Value)));
        }));
    }

    public Task<Page<ReconciliationRun>> ListRunsAsync(ChannelId? channel, int pageSize, string? continuation, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        return Task.FromResult(database.Read((connection, transaction) =>
        {
            var (ticks, key) = continuation is null ? (long.MaxValue, "") : SqliteContinuation.Decode(continuation);
            var byChannel = channel is null ? "" : "channel = $channel AND ";
            using var command = connection.Command(transaction,
                $"SELECT {RunColumns} FROM reconciliation_runs WHERE {byChannel}(started_at < $ticks OR (started_at = $ticks AND run_id > $key)) ORDER BY started_at DESC, run_id LIMIT $take",
                ("$channel", channel?.Value), ("$ticks", ticks), ("$key", key), ("$take", pageSize + 1));
            return SqliteContinuation.Page(command, pageSize, ReadRun, r => (r.StartedAt.UtcTicks, r.RunId));
        }));
    }

    private static ReconciliationRun ReadRun(SqliteDataReader reader) => new(
        reader.GetString(0),
        new ChannelId(reader.GetString(1)),
        SqliteCommands.Time(reader.GetInt64(2)),
        SqliteCommands.Time(reader.GetInt64(3)),
        reader.GetInt32(4),
        reader.GetInt32(5),
        reader.GetInt32(6),
        reader.GetInt32(7))
    {
        Status = Enum.Parse<RunStatus>(reader.GetString(8)),
        Checkpoint = reader.IsDBNull(9) ? null : reader.GetString(9),
        InAgreement = reader.GetInt32(10),
        InFlight = reader.GetInt32(11),
        MissedPush = reader.GetInt32(12),
        StaleChannel = reader.GetInt32(13),
        MissedEvent = reader.GetInt32(14),
        UnknownCause = reader.GetInt32(15),
        VarianceUnits = reader.GetInt64(16),
    };

    private static Discrepancy ReadDiscrepancy(SqliteDataReader reader) => new(
        new Sku(reader.GetString(0)),
        reader.GetInt32(1),
        reader.GetInt32(2),
        Enum.Parse<DiscrepancyCause>(reader.GetString(3)),
        Enum.Parse<DiscrepancyAction>(reader.GetString(4)))
    {
        ReportedAt = reader.IsDBNull(5) ? null : SqliteCommands.Time(reader.GetInt64(5)),
        Location = reader.IsDBNull(6) ? null : new LocationId(reader.GetString(6)),
        CorrectionVersion = reader.IsDBNull(7) ? null : reader.GetInt64(7),
        Review = reader.IsDBNull(8) ? null
            : new ReviewOutcome(Enum.Parse<ReviewResolution>(reader.GetString(8)), reader.GetString(9), SqliteCommands.Time(reader.GetInt64(10))),
    };

    public Task<bool> TryLeaseAsync(ChannelId channel, string holder, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) =>
        {
            using var take = connection.Command(transaction,
                """
                INSERT INTO reconciliation_leases (channel, holder, until) VALUES ($channel, $holder, $until)
                ON CONFLICT (channel) DO UPDATE SET holder = excluded.holder, until = excluded.until
                WHERE reconciliation_leases.holder = excluded.holder OR reconciliation_leases.until <= $now
                """,
                ("$channel", channel.Value), ("$holder", holder), ("$until", until.UtcTicks), ("$now", now.UtcTicks));
            return take.ExecuteNonQuery() == 1;
        }, cancellationToken);

    public Task ReleaseLeaseAsync(ChannelId channel, string holder, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) =>
        {
            using var release = connection.Command(transaction, "DELETE FROM reconciliation_leases WHERE channel = $channel AND holder = $holder",
                ("$channel", channel.Value), ("$holder", holder));
            return release.ExecuteNonQuery();
        }, cancellationToken);
}
