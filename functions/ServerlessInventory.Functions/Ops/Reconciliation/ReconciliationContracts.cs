using ServerlessInventory.Core.Ports;
using ServerlessInventory.Core.Reconciliation;

namespace ServerlessInventory.Functions.Ops.Reconciliation;

/// <summary><c>POST /api/ops/reconciliation/runs</c>: one channel, or every selling channel when absent.</summary>
public sealed record StartRunsRequest(string? Channel);

/// <summary>The runs started (or resumed, when the channel had an unfinished one).</summary>
public sealed record StartedRunsBody(IReadOnlyList<StartedRunBody> Runs);

public sealed record StartedRunBody(string RunId, string Channel);

/// <summary>A run with its counts; <see cref="Status"/> is <c>running</c> until every SKU is compared.</summary>
public sealed record RunBody(
    string RunId,
    string Channel,
    string Status,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    int SkusCompared,
    int InAgreement,
    int InFlight,
    int Discrepancies,
    IReadOnlyDictionary<string, int> ByCause,
    int AutoCorrected,
    int RaisedForReview,
    long VarianceUnits)
{
    public static RunBody From(ReconciliationRun run) => new(
        run.RunId, run.Channel.Value, run.Status == RunStatus.Running ? "running" : "completed", run.StartedAt, run.FinishedAt,
        run.SkusCompared, run.InAgreement, run.InFlight, run.Discrepancies,
        new Dictionary<string, int>
        {
            ["missed_push"] = run.MissedPush,
            ["stale_channel"] = run.StaleChannel,
            ["missed_event"] = run.MissedEvent,
            ["unknown"] = run.UnknownCause,
        },
        run.AutoCorrected, run.RaisedForReview, run.VarianceUnits);
}

public sealed record ReviewBody(string Resolution, string ResolvedBy, DateTimeOffset ResolvedAt);

public sealed record DiscrepancyBody(
    string Sku,
    int MasterValue,
    int ChannelValue,
    int Difference,
    string LikelyCause,
    string Action,
    DateTimeOffset? ReportedAt,
    string? Location,
    long? CorrectionVersion,
    ReviewBody? Review)
{
    public static DiscrepancyBody From(Discrepancy d) => new(
        d.Sku.Value, d.MasterValue, d.ChannelValue, d.Difference, ReconciliationNames.Cause(d.LikelyCause), ReconciliationNames.Action(d.Action),
        d.ReportedAt, d.Location?.Value, d.CorrectionVersion,
        d.Review is { } review ? new ReviewBody(ReconciliationNames.Resolution(review.Resolution), review.ResolvedBy, review.ResolvedAt) : null);
}

/// <summary><c>GET /api/ops/reconciliation/runs/{runId}</c>: the run and a page of its discrepancies by SKU.</summary>
public sealed record ReportBody(RunBody Run, IReadOnlyList<DiscrepancyBody> Discrepancies, string? Continuation);

public sealed record ReviewItemBody(string RunId, string Channel, DiscrepancyBody Discrepancy);

public sealed record ReviewListBody(IReadOnlyList<ReviewItemBody> Items);

/// <summary><c>POST /api/ops/reconciliation/review/{runId}/{sku}</c>.</summary>
public sealed record ResolveRequest(string? Resolution, string? ResolvedBy);
