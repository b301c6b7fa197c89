using ServerlessInventory.Core.Domain;

namespace ServerlessInventory.Core.Ports;

/// <summary>
/// A channel's availability of one SKU, as pushed: <see cref="Sku"/> and <see cref="Available"/> in the channel's own
/// SKU and units (<see cref="Channels.ChannelMapping.ToChannel"/>). <see cref="Version"/> strictly increases per channel
/// and master SKU, so also per channel SKU.
/// </summary>
public sealed record AvailabilityUpdate(ChannelId Channel, string Sku, int Available, long Version)
{
    /// <summary>
    /// The value the channel last acknowledged for this channel SKU, in its units, while the push state still holds it
    /// (null once a newer value is owed, or never pushed). A channel that sets quantities by compare-and-set (Shopify's
    /// <c>changeFromQuantity</c>) needs it after a restart, when nothing else remembers what it was last told.
    /// </summary>
    public int? Acknowledged { get; init; }
}

/// <summary>Delivers availability to a channel (its push URL, its own API, or a log line).</summary>
/// <remarks>
/// A push the channel cannot take for now (it is down, timing out, throttling, or its circuit is open) fails with
/// <see cref="ChannelUnavailableException"/>: Core then tries that channel again on its own and, once it answers, sends
/// it everything it is owed. Any other failure (the push itself is wrong: a bad secret or URL) is left to the retry round.
/// </remarks>
public interface IAvailabilitySink
{
    /// <summary>Pushes at once by the default <see cref="PushBatchAsync"/> (16).</summary>
    const int DefaultBatchConcurrency = 16;

    Task PushAsync(AvailabilityUpdate update, CancellationToken cancellationToken);

    /// <summary>
    /// Pushes every value one channel is owed in a round, handed over together so a channel whose API takes many values
    /// per call (Shopify) can send as few calls as its limits allow. Returns, per update and in order, null when the
    /// channel acknowledged it, else why it failed (a <see cref="ChannelUnavailableException"/> as for
    /// <see cref="PushAsync"/>). The default pushes each on its own, <see cref="DefaultBatchConcurrency"/> at once.
    /// </summary>
    Task<IReadOnlyList<Exception?>> PushBatchAsync(IReadOnlyList<AvailabilityUpdate> updates, CancellationToken cancellationToken) =>
        PushEachAsync(this, updates, DefaultBatchConcurrency, cancellationToken);

    /// <summary>
    /// Pushes each update on its own through <paramref name="sink"/>, <paramref name="concurrency"/> at once, and answers
    /// as <see cref="PushBatchAsync"/> does: for a sink whose channel takes one value per call.
    /// </summary>
    static async Task<IReadOnlyList<Exception?>> PushEachAsync(IAvailabilitySink sink, IReadOnlyList<AvailabilityUpdate> updates, int concurrency, CancellationToken cancellationToken)
    {
        var failures = new Exception?[updates.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, updates.Count), new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            try
            {
                await sink.PushAsync(updates[i], ct).ConfigureAwait(false);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                failures[i] = failure;
            }
        }).ConfigureAwait(false);
        return failures;
    }
}

/// <summary>The channel cannot take pushes for now; <see cref="RetryAfter"/> is how long trying again is pointless, when the sink knows.</summary>
public sealed class ChannelUnavailableException : Exception
{
    public ChannelUnavailableException(ChannelId channel, TimeSpan? retryAfter, Exception? inner)
        : base($"channel {channel} is unavailable{(retryAfter is { } wait ? $" for {wait.TotalSeconds:0.###} s" : "")}: {inner?.Message}", inner)
    {
        Channel = channel;
        RetryAfter = retryAfter;
    }

    public ChannelUnavailableException()
    {
    }

    public ChannelUnavailableException(string message) : base(message)
    {
    }

    public ChannelUnavailableException(string message, Exception inner) : base(message, inner)
    {
    }

    public ChannelId Channel { get; }

    public TimeSpan? RetryAfter { get; }
}
