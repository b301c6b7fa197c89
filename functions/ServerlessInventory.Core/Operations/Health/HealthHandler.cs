using Microsoft.Extensions.Options;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Core.Operations.Health;

/// <summary>
/// Reads the pipeline's health from its ports: push state (owed per channel), the push sink's circuits, the topic, the
/// parked and dead-letter stores, the reconciliation reports, and what this instance recorded of webhooks, applies
/// and pushes. Every section says where its figures came from and when they were read.
/// </summary>
public sealed class HealthHandler(
    IInventoryCatalogSource catalogSource,
    IPushStateStore pushStates,
    IChannelCircuitState circuits,
    ITopicHealthSource topic,
    IParkedEventStore parked,
    IDeadLetterStore deadLetters,
    IReconciliationReportStore reports,
    WebhookWindow webhooks,
    ApplyLagWindow applyLags,
    PushOutcomes pushes,
    TimeProvider timeProvider,
    IOptions<HealthOptions> options)
{
    /// <summary>Discrepancy pages read to count a run's open review items at most: a report stays cheap however large a run was.</summary>
    public const int MaxReviewPages = 10;

    private const int ReviewPageSize = 500;

    private const string InProcess = "in-process, this instance";

    public async Task<HealthReport> ReadAsync(CancellationToken cancellationToken)
    {
        var started = timeProvider.GetUtcNow();
        var channels = await ChannelsAsync(cancellationToken).ConfigureAwait(false);
        var topicReading = await topic.ReadAsync(cancellationToken).ConfigureAwait(false);
        var topicHealth = new TopicHealth(topicReading.Source, timeProvider.GetUtcNow(), topicReading.Pending, topicReading.OldestPendingAge?.TotalSeconds, topicReading.DeadLettered);
        var parkedCount = new CountHealth(SourceName.Of(parked, "parked events"), timeProvider.GetUtcNow(), await parked.CountAsync(cancellationToken).ConfigureAwait(false));
        var deadLetterCount = new CountHealth(SourceName.Of(deadLetters, "dead letters"), timeProvider.GetUtcNow(), await deadLetters.CountAsync(cancellationToken).ConfigureAwait(false));
        var lag = applyLags.Summarize();
        var now = timeProvider.GetUtcNow();
        return new HealthReport(
            started,
            channels,
            topicHealth,
            new ApplyHealth($"apply handler, {InProcess}, last {options.Value.ApplyLagWindow.TotalMinutes:0.#} min", now, lag.P50Seconds, lag.P99Seconds, lag.Samples),
            parkedCount,
            deadLetterCount,
            new WebhookHealth($"ingest handler, {InProcess}", now, webhooks.Over(TimeSpan.FromMinutes(5)), webhooks.Over(TimeSpan.FromMinutes(60))));
    }

    private async Task<List<ChannelHealth>> ChannelsAsync(CancellationToken cancellationToken)
    {
        var catalog = await catalogSource.GetCatalogAsync(cancellationToken).ConfigureAwait(false);
        var limit = options.Value.MaxOwedRead;
        var owed = await pushStates.ListUndeliveredAsync(limit, cancellationToken).ConfigureAwait(false);
        var capped = owed.Count >= limit;
        var owedBy = owed.GroupBy(s => s.Channel).ToDictionary(g => g.Key, g => (Count: g.Count(), Oldest: g.Min(s => s.UpdatedAt)));
        var read = timeProvider.GetUtcNow();
        var source = $"{SourceName.Of(pushStates, "push state")}; last pushes {InProcess}; circuit from the push sink";
        var result = new List<ChannelHealth>();
        foreach (var channel in catalog.Channels.Select(c => c.Channel).Union(owedBy.Keys).OrderBy(c => c.Value, StringComparer.Ordinal))
        {
            var (count, oldest) = owedBy.GetValueOrDefault(channel, (0, read));
            result.Add(new ChannelHealth(
                channel.Value, source, read, count, Math.Max(0, (read - oldest).TotalSeconds),
                pushes.LastAcknowledged(channel), pushes.LastFailed(channel), CircuitName(circuits.StateOf(channel)),
                await LastRunAsync(channel, cancellationToken).ConfigureAwait(false))
            { PushesOwedCapped = capped });
        }
        return result;
    }

    private async Task<ReconciliationSummary?> LastRunAsync(ChannelId channel, CancellationToken cancellationToken)
    {
        var runs = await reports.ListRunsAsync(channel, 1, null, cancellationToken).ConfigureAwait(false);
        if (runs.Items is not [var run, ..])
        {
            return null;
        }
        var open = 0;
        string? continuation = null;
        for (var page = 0; page < MaxReviewPages && (page == 0 || continuation is not null); page++)
        {
            var report = await reports.GetAsync(run.RunId, ReviewPageSize, continuation, cancellationToken).ConfigureAwait(false);
            open += report?.Discrepancies.Items.Count(d => d.IsOpenForReview) ?? 0;
            continuation = report?.Discrepancies.Continuation;
        }
        return new ReconciliationSummary(run.RunId, run.Status == RunStatus.Running ? run.StartedAt : run.FinishedAt, run.Discrepancies, open)
        {
            Status = run.Status == RunStatus.Running ? "running" : "completed",
        };
    }

    /// <summary>The circuit as the page and the OpenAPI description name it.</summary>
    public static string CircuitName(ChannelCircuit circuit) => circuit switch
    {
        ChannelCircuit.Closed => "closed",
        ChannelCircuit.Open => "open",
        ChannelCircuit.HalfOpen => "half_open",
        _ => "unknown",
    };
}
