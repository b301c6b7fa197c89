using Microsoft.Extensions.Logging;
using ServerlessInventory.Core.Availability;
using ServerlessInventory.Core.Channels;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Core.Application;

/// <summary>
/// What one push round did. <paramref name="Superseded"/> counts values this instance could not record because another
/// instance had already recorded that version (or a newer one) for the same channel and SKU; those SKUs are then
/// recomputed from a fresh view and pushed under a later version if the rival's value is not the current one.
/// </summary>
public sealed record PushSummary(int Pushed, int Unchanged, int Failed, int Superseded = 0);

/// <summary>
/// Recomputes each selling channel's availability for changed SKUs and pushes only values that changed. Each new
/// value gets the next version for its channel and SKU, recorded as owed before it is sent, so a failed push is
/// retried with the latest value and an older value is never sent after a newer one. A burst of changes to one SKU
/// becomes one push of its latest value. Each value goes out in the channel's own SKUs and units (its
/// <see cref="Channels.ChannelMapping"/>). A channel that was unavailable is tried again on its own and, once it
/// answers, sent everything it is owed at once (<c>PushAvailabilityHandler.Recovery.cs</c>).
/// </summary>
public sealed partial class PushAvailabilityHandler(
    QueryInventoryHandler inventory,
    IInventoryCatalogSource catalogSource,
    IPushStateStore states,
    IAvailabilitySink sink,
    TimeProvider timeProvider,
    InventoryMetrics metrics,
    ILogger<PushAvailabilityHandler> logger)
{
    /// <summary>Undelivered states the retry round reads at most.</summary>
    public const int RetryBatchSize = 500;

    /// <summary>
    /// Pushes in flight at once. Pushes wait on channels' HTTP endpoints, so doing them one by one would let a burst
    /// queue up behind the slowest channel; each (channel, SKU) still has exactly one push in flight.
    /// </summary>
    public const int MaxConcurrentPushes = 16;

    /// <summary>
    /// Rounds run again for SKUs whose new value lost the race for its version (default 3). The rival recorded a value
    /// computed from its own view, which may predate the commit this round saw: left alone, a channel could keep an
    /// old value with nothing left to correct it. A fresh round either finds the rival's value current (nothing to
    /// do) or records the current one under the next version.
    /// </summary>
    public const int MaxRoundsAfterLostRace = 3;

    private readonly SemaphoreSlim _round = new(1, 1);

    public async Task<PushSummary> HandleAsync(IEnumerable<Sku> changedSkus, CancellationToken cancellationToken)
    {
        var skus = changedSkus.Distinct().ToList();
        if (skus.Count == 0)
        {
            return new PushSummary(0, 0, 0);
        }
        // Rounds take turns: two at once could both give the next version of a (channel, SKU) to different values.
        await _round.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var (summary, lost) = await PushRoundAsync(skus, cancellationToken).ConfigureAwait(false);
            for (var round = 1; round <= MaxRoundsAfterLostRace && lost.Count > 0; round++)
            {
                var (again, lostAgain) = await PushRoundAsync(lost, cancellationToken).ConfigureAwait(false);
                summary = summary with { Pushed = summary.Pushed + again.Pushed, Failed = summary.Failed + again.Failed };
                lost = lostAgain;
            }
            if (lost.Count > 0)
            {
                LogStillLosing(logger, lost.Count, MaxRoundsAfterLostRace);
            }
            return summary;
        }
        finally
        {
            _round.Release();
        }
    }

    /// <summary>One round over <paramref name="skus"/>; also returns the SKUs where a new value lost the race for its version.</summary>
    private async Task<(PushSummary Summary, List<Sku> LostRaces)> PushRoundAsync(List<Sku> skus, CancellationToken cancellationToken)
    {
        var catalog = await catalogSource.GetCatalogAsync(cancellationToken).ConfigureAwait(false);
        var views = await ViewsAsync(skus, cancellationToken).ConfigureAwait(false);
        var last = (await states.GetAsync(skus, cancellationToken).ConfigureAwait(false)).ToDictionary(s => (s.Channel, s.Sku));

        // What each channel should show now; only what it does not already have is owed, under the next version.
        var now = timeProvider.GetUtcNow();
        var owed = new List<PushState>();
        var newlyOwed = new List<PushState>();
        var unchanged = 0;
        foreach (var (sku, view) in views)
        {
            foreach (var channel in catalog.Channels)
            {
                var available = channel.AvailableFrom(view);
                var previous = last.GetValueOrDefault((channel.Channel, sku));
                if (previous is not null && previous.Available == available)
                {
                    if (previous.Delivered)
                    {
                        unchanged++;
                    }
                    else
                    {
                        owed.Add(previous);
                    }
                    continue;
                }
                var next = new PushState(channel.Channel, sku, available, (previous?.Version ?? 0) + 1, false, now);
                owed.Add(next);
                newlyOwed.Add(next);
            }
        }
        // A channel that no longer sells is owed nothing: left owed, its states would fill every retry round.
        var selling = catalog.Channels.Select(c => c.Channel).ToHashSet();
        var retired = last.Values.Where(s => !s.Delivered && !selling.Contains(s.Channel)).Select(s => s with { Delivered = true, UpdatedAt = now });

        // Recorded as owed before anything is sent: a crash after a send can never reuse its version for another value.
        // A newly owed value the store refuses lost the race for its version to another instance, which pushes it;
        // sending it here too could show a channel two values under one version. A refused retirement is harmless.
        List<PushState> recorded = [.. newlyOwed, .. retired];
        var superseded = 0;
        List<Sku> lostRaces = [];
        if (recorded.Count > 0)
        {
            var refused = (await states.SaveAsync(recorded, cancellationToken).ConfigureAwait(false)).ToHashSet();
            superseded = owed.RemoveAll(refused.Contains);
            lostRaces = [.. refused.Where(s => !s.Delivered).Select(s => s.Sku).Distinct()];
        }

        // A channel's values go to the sink together, so one whose API takes many per call batches them.
        var delivered = new System.Collections.Concurrent.ConcurrentBag<PushState>();
        await Parallel.ForEachAsync(owed.GroupBy(s => s.Channel), cancellationToken, async (channelOwed, ct) =>
        {
            var mapping = catalog.TryGetConnection(channelOwed.Key, out var connection) ? connection.Mapping : ChannelMapping.Identity;
            foreach (var state in await PushAsync([.. channelOwed], mapping, last, ct).ConfigureAwait(false))
            {
                delivered.Add(state with { Delivered = true, UpdatedAt = timeProvider.GetUtcNow() });
            }
        }).ConfigureAwait(false);
        if (!delivered.IsEmpty)
        {
            // A refused delivery mark means a newer version was recorded meanwhile: it is owed, and pushed by its owner.
            await states.SaveAsync([.. delivered], cancellationToken).ConfigureAwait(false);
        }
        return (new PushSummary(delivered.Count, unchanged, owed.Count - delivered.Count, superseded), lostRaces);
    }

    /// <summary>Pushes again, with fresh values, every SKU some channel is still owed: the channel may be back.</summary>
    public async Task<PushSummary> RetryUndeliveredAsync(CancellationToken cancellationToken)
    {
        var owed = await states.ListUndeliveredAsync(RetryBatchSize, cancellationToken).ConfigureAwait(false);
        return owed.Count == 0
            ? new PushSummary(0, 0, 0)
            : await HandleAsync(owed.Select(s => s.Sku), cancellationToken).ConfigureAwait(false);
    }

    private async Task<List<(Sku Sku, AvailabilityView View)>> ViewsAsync(List<Sku> skus, CancellationToken cancellationToken)
    {
        var views = new (Sku, AvailabilityView)[skus.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, skus.Count), new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrentPushes, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var state = await inventory.LoadAsync(skus[i], ct).ConfigureAwait(false);
            views[i] = (skus[i], state.AvailabilityAt(timeProvider.GetUtcNow()));
        }).ConfigureAwait(false);
        return [.. views];
    }

    /// <summary>
    /// The states of one channel whose value it acknowledged under each of its SKUs mapped to them; a failure leaves a
    /// state owed, for the channel's recovery when the channel is unavailable, else for the retry round.
    /// </summary>
    private async Task<List<PushState>> PushAsync(List<PushState> states, ChannelMapping mapping, Dictionary<(ChannelId, Sku), PushState> stored, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        var updates = new List<AvailabilityUpdate>();
        var ranges = new List<(PushState State, int First, int Count)>();
        foreach (var state in states)
        {
            // What the channel acknowledged last, per channel SKU, while the stored state still says so.
            var acknowledged = stored.GetValueOrDefault((state.Channel, state.Sku)) is { Delivered: true } done
                ? mapping.ToChannel(done.Sku, done.Available).ToDictionary(u => u.Sku, u => u.Available, StringComparer.Ordinal)
                : null;
            var first = updates.Count;
            foreach (var (channelSku, available) in mapping.ToChannel(state.Sku, state.Available))
            {
                updates.Add(new AvailabilityUpdate(state.Channel, channelSku, available, state.Version)
                {
                    Acknowledged = acknowledged is not null && acknowledged.TryGetValue(channelSku, out var was) ? was : null,
                });
            }
            ranges.Add((state, first, updates.Count - first));
        }
        IReadOnlyList<Exception?> failures;
        try
        {
            failures = updates.Count == 0 ? [] : await sink.PushBatchAsync(updates, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            failures = [.. updates.Select(_ => failure)];
        }
        var acknowledgedStates = new List<PushState>();
        TimeSpan? unavailableFor = null;
        var unavailable = false;
        var answered = false;
        foreach (var (state, first, count) in ranges)
        {
            var failure = Enumerable.Range(first, count).Select(i => failures[i]).FirstOrDefault(f => f is not null);
            if (failure is null)
            {
                acknowledgedStates.Add(state);
                // Only an answer tells that the channel is back; a SKU it does not list was never sent.
                if (count > 0)
                {
                    metrics.Pushed(state, timeProvider.GetElapsedTime(started));
                    answered = true;
                }
                continue;
            }
            LogPushFailed(logger, state.Channel, state.Sku, state.Version, failure.Message);
            metrics.PushFailed(state, failure.Message);
            if (failure is ChannelUnavailableException down)
            {
                unavailable = true;
                unavailableFor = down.RetryAfter > unavailableFor || unavailableFor is null ? down.RetryAfter : unavailableFor;
            }
        }
        if (states.Count > 0 && unavailable)
        {
            OnChannelUnavailable(states[0].Channel, unavailableFor);
        }
        else if (answered)
        {
            OnChannelAnswered(states[0].Channel);
        }
        return acknowledgedStates;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} SKUs still lost the race for their next push version after {Rounds} more rounds; their next change or the retry round corrects them")]
    private static partial void LogStillLosing(ILogger logger, int count, int rounds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Push of {Sku} to {Channel} at version {Version} failed; it stays owed: {Reason}")]
    private static partial void LogPushFailed(ILogger logger, ChannelId channel, Sku sku, long version, string reason);
}
