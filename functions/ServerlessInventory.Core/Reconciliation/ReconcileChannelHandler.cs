using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessInventory.Core.Application;
using ServerlessInventory.Core.Availability;
using ServerlessInventory.Core.Channels;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Core.Reconciliation;

/// <summary>
/// Runs reconciliation of one channel a page of SKUs at a time (a channel that answers level queries is pulled first,
/// see <see cref="ChannelLevelPull"/>): for every SKU the channel reported or is offered (<see cref="ComparedSkus"/>;
/// one never reported shows what the channel last acknowledged), compares its level
/// with the channel's availability by the push rule (<see cref="ChannelPolicy.AvailableFrom"/>), decides by
/// <see cref="DiscrepancyRules"/>, re-pushes the master value where the master is right and raises the rest for review.
/// After each page the run is saved with its counts, checkpoint and the page's discrepancies, so a run cut short is resumed where
/// it stopped; the channel's lease, renewed at every page, keeps two overlapping runs of one channel from both acting.
/// </summary>
public sealed partial class ReconcileChannelHandler(
    ComparedSkus comparedSkus,
    IReconciliationReportStore reports,
    IPushStateStore pushStates,
    IInventoryStore store,
    QueryInventoryHandler inventory,
    IInventoryCatalogSource catalogSource,
    MasterCorrection correction,
    ChannelLevelPull pull,
    ReconciliationMetrics metrics,
    TimeProvider timeProvider,
    IOptions<ReconciliationOptions> options,
    ILogger<ReconcileChannelHandler> logger)
{
    /// <summary>Ledger entries read to find a SKU's last change: reports are ledgered too and change nothing.</summary>
    private const int LedgerLookBack = 20;

    private readonly ReconciliationOptions _options = options.Value;

    /// <summary>
    /// The run to do for each channel asked (one, or every selling channel when null): the channel's unfinished run if it
    /// has one (it resumes), else a new one, saved as running. Null when the channel is not a selling channel.
    /// </summary>
    public async Task<IReadOnlyList<ReconciliationRun>?> StartAsync(ChannelId? channel, CancellationToken cancellationToken)
    {
        var catalog = await catalogSource.GetCatalogAsync(cancellationToken).ConfigureAwait(false);
        if (channel is { } one && !catalog.TryGetChannel(one, out _))
        {
            return null;
        }
        var channels = channel is { } asked ? [asked] : catalog.Channels.Select(c => c.Channel).OrderBy(c => c.Value, StringComparer.Ordinal).ToList();
        var runs = new List<ReconciliationRun>(channels.Count);
        foreach (var each in channels)
        {
            var latest = (await reports.ListRunsAsync(each, 1, null, cancellationToken).ConfigureAwait(false)).Items;
            if (latest is [{ Status: RunStatus.Running } unfinished])
            {
                runs.Add(unfinished);
                continue;
            }
            var now = timeProvider.GetUtcNow();
            var run = new ReconciliationRun(NewRunId(each, now), each, now, now, 0, 0, 0, 0) { Status = RunStatus.Running };
            await reports.SaveAsync(run, [], cancellationToken).ConfigureAwait(false);
            runs.Add(run);
        }
        return runs;
    }

    /// <summary>
    /// Continues the run from its checkpoint to the end and returns it completed; null when the run is unknown, and the
    /// run as it stands when another holds its channel's lease (that one acts, this one does nothing).
    /// </summary>
    public async Task<ReconciliationRun?> RunAsync(string runId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(runId, cancellationToken).ConfigureAwait(false) is not var (run, discrepancies))
        {
            return null;
        }
        if (run.Status == RunStatus.Completed)
        {
            return run;
        }
        var holder = runId + ":" + Guid.NewGuid().ToString("N");
        if (!await LeaseAsync(run.Channel, holder, cancellationToken).ConfigureAwait(false))
        {
            LogLeaseHeld(logger, run.Channel, runId);
            return run;
        }
        try
        {
            // The corrections of the last checkpointed page may not have been sent before the run stopped: sending
            // them again under the versions they were decided with sends nothing already sent.
            await correction.ApplyAsync(Corrections(run.Channel, discrepancies.Where(d => d.Action == DiscrepancyAction.Repushed)), cancellationToken).ConfigureAwait(false);
            if (run is { SkusCompared: 0, Checkpoint: null })
            {
                // Before the first page only: a resumed run compares what was pulled when it began.
                await pull.PullAsync(run.Channel, cancellationToken).ConfigureAwait(false);
            }
            while (run.Status == RunStatus.Running)
            {
                run = await NextPageAsync(run, cancellationToken).ConfigureAwait(false);
                if (!await LeaseAsync(run.Channel, holder, cancellationToken).ConfigureAwait(false))
                {
                    LogLeaseLost(logger, run.Channel, runId);
                    return run;
                }
            }
            metrics.Completed(run);
            LogCompleted(logger, run.Channel, runId, run.SkusCompared, run.Discrepancies, run.InFlight);
            return run;
        }
        finally
        {
            await reports.ReleaseLeaseAsync(run.Channel, holder, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Starts and runs to the end the runs of <paramref name="channel"/> (or of every selling channel).</summary>
    public async Task<IReadOnlyList<ReconciliationRun>> RunChannelsAsync(ChannelId? channel, CancellationToken cancellationToken)
    {
        var finished = new List<ReconciliationRun>();
        foreach (var run in await StartAsync(channel, cancellationToken).ConfigureAwait(false) ?? [])
        {
            finished.Add(await RunAsync(run.RunId, cancellationToken).ConfigureAwait(false) ?? run);
        }
        return finished;
    }

    private async Task<(ReconciliationRun Run, List<Discrepancy> Discrepancies)?> LoadAsync(string runId, CancellationToken cancellationToken)
    {
        var first = await reports.GetAsync(runId, 1000, null, cancellationToken).ConfigureAwait(false);
        if (first is null)
        {
            return null;
        }
        var discrepancies = new List<Discrepancy>(first.Discrepancies.Items);
        for (var continuation = first.Discrepancies.Continuation; continuation is not null;)
        {
            var next = (await reports.GetAsync(runId, 1000, continuation, cancellationToken).ConfigureAwait(false))!.Discrepancies;
            discrepancies.AddRange(next.Items);
            continuation = next.Continuation;
        }
        return (first.Run, discrepancies);
    }

    private Task<bool> LeaseAsync(ChannelId channel, string holder, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        return reports.TryLeaseAsync(channel, holder, now, now + _options.LeaseDuration, cancellationToken);
    }

    private async Task<ReconciliationRun> NextPageAsync(ReconciliationRun run, CancellationToken cancellationToken)
    {
        var catalog = await catalogSource.GetCatalogAsync(cancellationToken).ConfigureAwait(false);
        var now = timeProvider.GetUtcNow();
        var page = catalog.TryGetChannel(run.Channel, out var policy)
            ? await comparedSkus.NextAsync(run.Channel, run.Checkpoint, _options.PageSize, IsOffered(catalog, run.Channel), cancellationToken).ConfigureAwait(false)
            : null;
        if (page is null || (page.Skus.Count == 0 && page.ContinueAfter is null))
        {
            var done = run with { Status = RunStatus.Completed, Checkpoint = null, FinishedAt = now };
            await reports.AppendAsync(done, [], cancellationToken).ConfigureAwait(false);
            return done;
        }

        var pushed = (await pushStates.GetAsync([.. page.Skus.Select(s => s.Sku)], cancellationToken).ConfigureAwait(false))
            .Where(s => s.Channel == run.Channel).ToDictionary(s => s.Sku);
        var threshold = _options.ThresholdOf(run.Channel.Value);
        var found = new List<Discrepancy>();
        var corrections = new List<MasterCorrection.Correction>();
        // Levels only at locations the channel does not sell from say nothing of what it shows: as if never reported.
        var compare = page.Skus.Select(s => (s.Sku, Shown: ChannelLevel.Of(s.Levels, policy))).ToList();
        // The page's SKUs in one read: a read per SKU was most of a run's time.
        var masters = await inventory.LoadManyAsync([.. compare.Select(s => s.Sku)], cancellationToken).ConfigureAwait(false);
        var (compared, agreeing, inFlight) = (0, 0, 0);
        foreach (var ((sku, shown), inventoryOfSku) in compare.Zip(masters))
        {
            compared++;
            var master = policy.AvailableFrom(inventoryOfSku.AvailabilityAt(now));
            var last = pushed.GetValueOrDefault(sku);
            var comparison = shown is not null
                ? new Comparison(master, shown.Value, shown.AsOf, last, null)
                : Unreported(master, last);
            if (!DiscrepancyRules.Agrees(comparison, threshold))
            {
                // Only a SKU that differs needs its history: most agree, and reading every ledger would double the run.
                comparison = comparison with { MasterChangedAt = await LastChangeAsync(sku, cancellationToken).ConfigureAwait(false) };
            }
            var decision = DiscrepancyRules.Decide(comparison, threshold, now, _options.SettlingWindow);
            switch (decision)
            {
                case { Verdict: Verdict.InAgreement }:
                    agreeing++;
                    break;
                case { Verdict: Verdict.InFlight }:
                    inFlight++;
                    break;
                case { Cause: { } cause, Action: { } action }:
                    var fix = action == DiscrepancyAction.Repushed ? MasterCorrection.Next(run.Channel, sku, master, last) : null;
                    if (fix is not null)
                    {
                        corrections.Add(fix);
                    }
                    found.Add(new Discrepancy(sku, master, comparison.ChannelValue ?? 0, cause, action)
                    {
                        ReportedAt = shown?.AsOf,
                        Location = shown?.Location,
                        CorrectionVersion = fix?.Version,
                    });
                    break;
            }
        }

        var next = Count(run, found) with
        {
            SkusCompared = run.SkusCompared + compared,
            InAgreement = run.InAgreement + agreeing,
            InFlight = run.InFlight + inFlight,
            Checkpoint = page.ContinueAfter,
            FinishedAt = now,
            Status = page.ContinueAfter is null ? RunStatus.Completed : RunStatus.Running,
        };
        // Saved before acting: a run stopped after this point resends these corrections (under the same versions) on resume.
        // Only this page's discrepancies are written: the earlier pages' are stored already.
        await reports.AppendAsync(next, found, cancellationToken).ConfigureAwait(false);
        await correction.ApplyAsync(corrections, cancellationToken).ConfigureAwait(false);
        metrics.Page(run.Channel, found, inFlight);
        return next;
    }

    /// <summary>
    /// A SKU the channel never reported shows what the channel last acknowledged from our pushes; one it never
    /// acknowledged (never pushed, or its latest push still owed) shows nothing known.
    /// </summary>
    private static Comparison Unreported(int master, PushState? last) => last is { Delivered: true } acknowledged
        ? new Comparison(master, acknowledged.Available, acknowledged.UpdatedAt, last, null)
        : new Comparison(master, null, null, last, null);

    /// <summary>
    /// Offered: the master holds the SKU and the push path would send it to the channel, which is every SKU unless the
    /// channel lists only mapped SKUs (the same rule, <see cref="ChannelMapping.ToChannel"/>, not a copy of it).
    /// </summary>
    private static Func<Sku, bool> IsOffered(InventoryCatalog catalog, ChannelId channel)
    {
        var mapping = catalog.TryGetConnection(channel, out var connection) ? connection.Mapping : ChannelMapping.Identity;
        return sku => mapping.ToChannel(sku, 0).Count > 0;
    }

    private static ReconciliationRun Count(ReconciliationRun run, List<Discrepancy> found) => run with
    {
        Discrepancies = run.Discrepancies + found.Count,
        AutoCorrected = run.AutoCorrected + found.Count(d => d.Action == DiscrepancyAction.Repushed),
        RaisedForReview = run.RaisedForReview + found.Count(d => d.Action == DiscrepancyAction.RaisedForReview),
        MissedPush = run.MissedPush + found.Count(d => d.LikelyCause == DiscrepancyCause.MissedPush),
        StaleChannel = run.StaleChannel + found.Count(d => d.LikelyCause == DiscrepancyCause.StaleChannel),
        MissedEvent = run.MissedEvent + found.Count(d => d.LikelyCause == DiscrepancyCause.MissedEvent),
        UnknownCause = run.UnknownCause + found.Count(d => d.LikelyCause == DiscrepancyCause.Unknown),
        VarianceUnits = run.VarianceUnits + found.Sum(d => (long)Math.Abs(d.Difference)),
    };

    private static IReadOnlyCollection<MasterCorrection.Correction> Corrections(ChannelId channel, IEnumerable<Discrepancy> repushed) =>
        [.. repushed.Where(d => d.CorrectionVersion is not null).Select(d => new MasterCorrection.Correction(channel, d.Sku, d.MasterValue, d.CorrectionVersion!.Value))];

    /// <summary>When the SKU's positions last changed: its newest ledger entry with an effect (reports have none).</summary>
    private async Task<DateTimeOffset?> LastChangeAsync(Sku sku, CancellationToken cancellationToken)
    {
        string? continuation = null;
        do
        {
            var page = await store.ReadLedgerAsync(sku, LedgerLookBack, continuation, cancellationToken).ConfigureAwait(false);
            if (page.Entries.FirstOrDefault(e => e.Effects.Count > 0) is { } changed)
            {
                return changed.AppliedAt;
            }
            continuation = page.Continuation;
        }
        while (continuation is not null);
        return null;
    }

    private static string NewRunId(ChannelId channel, DateTimeOffset now) =>
        $"{channel.Value}-{now.UtcDateTime:yyyyMMddTHHmmssZ}-{Guid.NewGuid().ToString("N")[..8]}";

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciliation of {Channel} is already running elsewhere; run {RunId} waits for its lease")]
    private static partial void LogLeaseHeld(ILogger logger, ChannelId channel, string runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciliation run {RunId} of {Channel} lost its lease; it stops at its checkpoint")]
    private static partial void LogLeaseLost(ILogger logger, ChannelId channel, string runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciliation of {Channel} ({RunId}) compared {Compared} SKUs: {Discrepancies} discrepancies, {InFlight} in flight")]
    private static partial void LogCompleted(ILogger logger, ChannelId channel, string runId, int compared, int discrepancies, int inFlight);
}
