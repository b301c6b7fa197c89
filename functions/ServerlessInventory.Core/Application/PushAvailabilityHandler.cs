using Microsoft.Extensions.Logging;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Core.Application;

/// <summary>What one push round did.</summary>
public sealed record PushSummary(int Pushed, int Unchanged, int Failed);

/// <summary>
/// Recomputes each selling channel's availability for changed SKUs and pushes only values that changed. Each new
/// value gets the next version for its channel and SKU, recorded as owed before it is sent, so a failed push is
/// retried with the latest value and an older value is never sent after a newer one. A burst of changes to one SKU
/// becomes one push of its latest value.
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

    public async Task<PushSummary> HandleAsync(IEnumerable<Sku> changedSkus, CancellationToken cancellationToken)
    {
        var catalog = await catalogSource.GetCatalogAsync(cancellationToken).ConfigureAwait(false);
        var pushed = 0;
        var unchanged = 0;
        var failed = 0;
        var skus = changedSkus.Distinct().ToList();
        await Parallel.ForEachAsync(skus, new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrentPushes, CancellationToken = cancellationToken }, async (sku, ct) =>
        {
            var state = await inventory.LoadAsync(sku, ct).ConfigureAwait(false);
            var view = state.ViewAt(timeProvider.GetUtcNow());
            var outcomes = await Task.WhenAll(catalog.Channels.Select(c => PushAsync(c.Channel, sku, c.AvailableFrom(view), ct))).ConfigureAwait(false);
            Interlocked.Add(ref pushed, outcomes.Count(o => o == true));
            Interlocked.Add(ref failed, outcomes.Count(o => o == false));
            Interlocked.Add(ref unchanged, outcomes.Count(o => o is null));
        }).ConfigureAwait(false);
        return new PushSummary(pushed, unchanged, failed);
    }

    /// <summary>Pushes again, with fresh values, every SKU some channel is still owed: the channel may be back.</summary>
    public async Task<PushSummary> RetryUndeliveredAsync(CancellationToken cancellationToken)
    {
        var owed = await states.ListUndeliveredAsync(RetryBatchSize, cancellationToken).ConfigureAwait(false);
        return owed.Count == 0
            ? new PushSummary(0, 0, 0)
            : await HandleAsync(owed.Select(s => s.Sku), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True when pushed, false when the push failed (it stays owed), null when the channel already has it.</summary>
    private async Task<bool?> PushAsync(ChannelId channel, Sku sku, int available, CancellationToken cancellationToken)
    {
        var last = await states.GetAsync(channel, sku, cancellationToken).ConfigureAwait(false);
        if (last is { Delivered: true } && last.Available == available)
        {
            return null;
        }
        var owed = last is not null && last.Available == available
            ? last
            : new PushState(channel, sku, available, (last?.Version ?? 0) + 1, false, timeProvider.GetUtcNow());
        if (!ReferenceEquals(owed, last))
        {
            await states.SaveAsync(owed, cancellationToken).ConfigureAwait(false);
        }

        var started = timeProvider.GetTimestamp();
        try
        {
            await sink.PushAsync(new AvailabilityUpdate(channel, sku, available, owed.Version), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            LogPushFailed(logger, channel, sku, owed.Version, failure.Message);
            return false;
        }
        await states.SaveAsync(owed with { Delivered = true, UpdatedAt = timeProvider.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
        metrics.Pushed(timeProvider.GetElapsedTime(started));
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Push of {Sku} to {Channel} at version {Version} failed; it stays owed: {Reason}")]
    private static partial void LogPushFailed(ILogger logger, ChannelId channel, Sku sku, long version, string reason);
}
