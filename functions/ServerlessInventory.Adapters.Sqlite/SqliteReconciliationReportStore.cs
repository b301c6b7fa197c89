using Microsoft.Data.Sqlite;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Adapters.Sqlite;

/// <summary>
/// Reconciliation reports on SQLite: a row per run and a row per discrepancy, saved in one transaction (saving a run
/// again replaces it and all its discrepancies). Runs are listed newest first by start, ties by run id, and
/// discrepancies by SKU, each with a keyset continuation.
/// </summary>
public sealed class SqliteReconciliationReportStore(SqliteDatabase database) : IReconciliationReportStore
{
    private const string RunColumns = "run_id, channel, started_at, finished_at, skus_compared, discrepancies, auto_corrected, raised_for_review";

    public Task SaveAsync(ReconciliationRun run, IReadOnlyList<Discrepancy> discrepancies, CancellationToken cancellationToken)
    {
        ReconciliationReports.EnsureOnePerSku(discrepancies);
        return database.WriteAsync((connection, transaction) =>
        {
            using (var upsert = connection.Command(transaction, $"INSERT OR REPLACE INTO reconciliation_runs ({RunColumns}) VALUES ($run, $channel, $started, $finished, $compared, $discrepancies, $corrected, $raised)",
                ("$run", run.RunId), ("$channel", run.Channel.Value), ("$started", run.StartedAt.UtcTicks), ("$finished", run.FinishedAt.UtcTicks),
                ("$compared", run.SkusCompared), ("$discrepancies", run.Discrepancies), ("$corrected", run.AutoCorrected), ("$raised", run.RaisedForReview)))
            {
                upsert.ExecuteNonQuery();
            }
            using (var clear = connection.Command(transaction, "DELETE FROM reconciliation_discrepancies WHERE run_id = $run", ("$run", run.RunId)))
            {
                clear.ExecuteNonQuery();
            }
            using var insert = connection.Command(transaction,
                "INSERT INTO reconciliation_discrepancies (run_id, sku, master_value, channel_value, likely_cause, action) VALUES ($run, $sku, $master, $channel, $cause, $action)",
                ("$run", run.RunId));
            var sku = insert.Parameters.Add("$sku", SqliteType.Text);
            var master = insert.Parameters.Add("$master", SqliteType.Integer);
            var channel = insert.Parameters.Add("$channel", SqliteType.Integer);
            var cause = insert.Parameters.Add("$cause", SqliteType.Text);
            var action = insert.Parameters.Add("$action", SqliteType.Text);
            foreach (var discrepancy in discrepancies)
            {
                (sku.Value, master.Value, channel.Value) = (discrepancy.Sku.Value, discrepancy.MasterValue, discrepancy.ChannelValue);
                (cause.Value, action.Value) = (discrepancy.LikelyCause.ToString(), discrepancy.Action.ToString());
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
                "SELECT sku, master_value, channel_value, likely_cause, action FROM reconciliation_discrepancies WHERE run_id = $run AND sku > $after ORDER BY sku LIMIT $take",
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
        reader.GetInt32(7));

    private static Discrepancy ReadDiscrepancy(SqliteDataReader reader) => new(
        new Sku(reader.GetString(0)),
        reader.GetInt32(1),
        reader.GetInt32(2),
        Enum.Parse<DiscrepancyCause>(reader.GetString(3)),
        Enum.Parse<DiscrepancyAction>(reader.GetString(4)));
}
