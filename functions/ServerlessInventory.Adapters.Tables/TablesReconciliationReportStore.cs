using Azure.Data.Tables;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Adapters.Tables;

/// <summary>
/// Reconciliation reports on Table storage (table <c>ReconciliationRuns</c>).
/// <para>Keys. A run is its own partition, <c>run:{run id}</c>: row <c>run</c> holds the run, rows <c>sku:{sku}</c> its
/// discrepancies, so reading a report is a point read plus one range scan in SKU order, and a run's rows are written in
/// transactions of its own partition. Listing newest first is a range scan of an index: partition <c>runs</c> (every
/// channel) and <c>runs:{channel}</c>, row key <c>{inverted start ticks, 19 digits}:{run id}</c>, so the newest run
/// sorts first and ties go by run id; each index row repeats the run's fields, so a page needs no further reads.
/// Hourly runs per channel are a few thousand rows a year: one partition per index is plenty.</para>
/// <para>Order of writes: the run's partition first (discrepancies, then the run row), the index rows last, so a run
/// is listed only once its report is whole.</para>
/// </summary>
public sealed class TablesReconciliationReportStore(TableClient table) : IReconciliationReportStore
{
    private const string RunKey = "run";
    private const string SkuPrefix = "sku:";
    private const string AllRuns = "runs";

    public async Task SaveAsync(ReconciliationRun run, IReadOnlyList<Discrepancy> discrepancies, CancellationToken cancellationToken)
    {
        ReconciliationReports.EnsureOnePerSku(discrepancies);
        var partition = RunPartition(run.RunId);
        var existing = await table.QueryAllAsync(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken).ConfigureAwait(false);
        var rows = discrepancies.Select(d => Row(partition, d)).ToList();
        var kept = rows.Select(r => r.RowKey).ToHashSet(StringComparer.Ordinal);
        var stale = existing.Where(r => r.RowKey != RunKey && !kept.Contains(r.RowKey));
        await WriteAsync(run, existing.Find(r => r.RowKey == RunKey), rows, stale, cancellationToken).ConfigureAwait(false);
    }

    public async Task AppendAsync(ReconciliationRun run, IReadOnlyList<Discrepancy> added, CancellationToken cancellationToken)
    {
        ReconciliationReports.EnsureOnePerSku(added);
        var partition = RunPartition(run.RunId);
        // Only the run row is read: the discrepancies already stored stay as they are.
        var previous = await table.GetOrNullAsync(partition, RunKey, cancellationToken).ConfigureAwait(false);
        await WriteAsync(run, previous, [.. added.Select(d => Row(partition, d))], [], cancellationToken).ConfigureAwait(false);
    }

    private async Task WriteAsync(ReconciliationRun run, TableEntity? previous, IReadOnlyList<TableEntity> rows, IEnumerable<TableEntity> stale, CancellationToken cancellationToken)
    {
        await table.SubmitAsync(
            [.. rows.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)),
             .. stale.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r)),
             new TableTransactionAction(TableTransactionActionType.UpsertReplace, RunRow(RunPartition(run.RunId), RunKey, run))],
            cancellationToken).ConfigureAwait(false);
        foreach (var index in new[] { AllRuns, ChannelRuns(run.Channel) })
        {
            await table.UpsertEntityAsync(RunRow(index, IndexKey(run), run), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
        if (previous is not null && ReadRun(previous) is var before && (IndexKey(before) != IndexKey(run) || before.Channel != run.Channel))
        {
            // Saved again with another start or channel: its old index rows would list it twice.
            if (IndexKey(before) != IndexKey(run))
            {
                await table.DeleteIfExistsAsync(AllRuns, IndexKey(before), cancellationToken).ConfigureAwait(false);
            }
            await table.DeleteIfExistsAsync(ChannelRuns(before.Channel), IndexKey(before), cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<ReconciliationReport?> GetAsync(string runId, int pageSize, string? continuation, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        var partition = RunPartition(runId);
        var head = await table.GetOrNullAsync(partition, RunKey, cancellationToken).ConfigureAwait(false);
        if (head is null)
        {
            return null;
        }
        var after = continuation is null ? SkuPrefix : TableKeys.DecodeContinuation(continuation);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {after} and RowKey lt {TableKeys.PrefixEnd(SkuPrefix)}");
        return new ReconciliationReport(ReadRun(head), await table.PageAsync(filter, pageSize, ReadDiscrepancy, cancellationToken).ConfigureAwait(false));
    }

    public Task<Page<ReconciliationRun>> ListRunsAsync(ChannelId? channel, int pageSize, string? continuation, CancellationToken cancellationToken)
    {
        var index = channel is { } one ? ChannelRuns(one) : AllRuns;
        var after = continuation is null ? "" : TableKeys.DecodeContinuation(continuation);
        return table.PageAsync(TableClient.CreateQueryFilter($"PartitionKey eq {index} and RowKey gt {after}"), pageSize, ReadRun, cancellationToken);
    }

    private static string RunPartition(string runId) => "run:" + runId;

    private static string ChannelRuns(ChannelId channel) => AllRuns + ":" + channel.Value;

    private static string IndexKey(ReconciliationRun run) => TableKeys.InvertedTicks(run.StartedAt) + ":" + run.RunId;

    private static TableEntity RunRow(string partition, string rowKey, ReconciliationRun run) => new(partition, rowKey)
    {
        ["RunId"] = run.RunId,
        ["Channel"] = run.Channel.Value,
        ["StartedAtTicks"] = run.StartedAt.UtcTicks,
        ["FinishedAtTicks"] = run.FinishedAt.UtcTicks,
        ["SkusCompared"] = run.SkusCompared,
        ["Discrepancies"] = run.Discrepancies,
        ["AutoCorrected"] = run.AutoCorrected,
        ["RaisedForReview"] = run.RaisedForReview,
        ["Status"] = run.Status.ToString(),
        ["Checkpoint"] = run.Checkpoint,
        ["InAgreement"] = run.InAgreement,
        ["InFlight"] = run.InFlight,
        ["MissedPush"] = run.MissedPush,
        ["StaleChannel"] = run.StaleChannel,
        ["MissedEvent"] = run.MissedEvent,
        ["UnknownCause"] = run.UnknownCause,
        ["VarianceUnits"] = run.VarianceUnits,
    };

    private static TableEntity Row(string partition, Discrepancy discrepancy) => new(partition, SkuPrefix + discrepancy.Sku.Value)
    {
        ["MasterValue"] = discrepancy.MasterValue,
        ["ChannelValue"] = discrepancy.ChannelValue,
        ["LikelyCause"] = discrepancy.LikelyCause.ToString(),
        ["Action"] = discrepancy.Action.ToString(),
        ["ReportedAtTicks"] = discrepancy.ReportedAt?.UtcTicks,
        ["Location"] = discrepancy.Location?.Value,
        ["CorrectionVersion"] = discrepancy.CorrectionVersion,
        ["Resolution"] = discrepancy.Review?.Resolution.ToString(),
        ["ResolvedBy"] = discrepancy.Review?.ResolvedBy,
        ["ResolvedAtTicks"] = discrepancy.Review?.ResolvedAt.UtcTicks,
    };

    private static ReconciliationRun ReadRun(TableEntity row) => new(
        row.GetString("RunId"),
        new ChannelId(row.GetString("Channel")),
        TableTime.FromTicks(row.GetInt64("StartedAtTicks")),
        TableTime.FromTicks(row.GetInt64("FinishedAtTicks")),
        row.GetInt32("SkusCompared") ?? 0,
        row.GetInt32("Discrepancies") ?? 0,
        row.GetInt32("AutoCorrected") ?? 0,
        row.GetInt32("RaisedForReview") ?? 0)
    {
        Status = row.GetString("Status") is { } status ? Enum.Parse<RunStatus>(status) : RunStatus.Completed,
        Checkpoint = row.GetString("Checkpoint"),
        InAgreement = row.GetInt32("InAgreement") ?? 0,
        InFlight = row.GetInt32("InFlight") ?? 0,
        MissedPush = row.GetInt32("MissedPush") ?? 0,
        StaleChannel = row.GetInt32("StaleChannel") ?? 0,
        MissedEvent = row.GetInt32("MissedEvent") ?? 0,
        UnknownCause = row.GetInt32("UnknownCause") ?? 0,
        VarianceUnits = row.GetInt64("VarianceUnits") ?? 0,
    };

    private static Discrepancy ReadDiscrepancy(TableEntity row) => new(
        new Sku(row.RowKey[SkuPrefix.Length..]),
        row.GetInt32("MasterValue") ?? 0,
        row.GetInt32("ChannelValue") ?? 0,
        Enum.Parse<DiscrepancyCause>(row.GetString("LikelyCause")),
        Enum.Parse<DiscrepancyAction>(row.GetString("Action")))
    {
        ReportedAt = row.GetInt64("ReportedAtTicks") is { } reportedAt ? TableTime.FromTicks(reportedAt) : null,
        Location = row.GetString("Location") is { } location ? new LocationId(location) : null,
        CorrectionVersion = row.GetInt64("CorrectionVersion"),
        Review = row.GetString("Resolution") is { } resolution
            ? new ReviewOutcome(Enum.Parse<ReviewResolution>(resolution), row.GetString("ResolvedBy"), TableTime.FromTicks(row.GetInt64("ResolvedAtTicks")))
            : null,
    };

    private const string Leases = "leases";

    public async Task<bool> TryLeaseAsync(ChannelId channel, string holder, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var lease = new TableEntity(Leases, channel.Value) { ["Holder"] = holder, ["UntilTicks"] = until.UtcTicks };
        var held = await table.GetOrNullAsync(Leases, channel.Value, cancellationToken).ConfigureAwait(false);
        try
        {
            if (held is null)
            {
                await table.AddEntityAsync(lease, cancellationToken).ConfigureAwait(false);
                return true;
            }
            if (held.GetString("Holder") != holder && TableTime.FromTicks(held.GetInt64("UntilTicks")) > now)
            {
                return false;
            }
            // Under the ETag read: a rival that took or renewed it meanwhile wins, and this one is refused.
            await table.UpdateEntityAsync(lease, held.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Azure.RequestFailedException failure) when (failure.IsConcurrencyConflict())
        {
            return false;
        }
    }

    public async Task ReleaseLeaseAsync(ChannelId channel, string holder, CancellationToken cancellationToken)
    {
        var held = await table.GetOrNullAsync(Leases, channel.Value, cancellationToken).ConfigureAwait(false);
        if (held is not null && held.GetString("Holder") == holder)
        {
            try
            {
                await table.DeleteEntityAsync(Leases, channel.Value, held.ETag, cancellationToken).ConfigureAwait(false);
            }
            catch (Azure.RequestFailedException failure) when (failure.IsConcurrencyConflict() || failure.Status == 404)
            {
                // Taken over meanwhile: it is the new holder's now.
            }
        }
    }
}
