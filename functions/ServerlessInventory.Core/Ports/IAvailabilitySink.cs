using ServerlessInventory.Core.Domain;

namespace ServerlessInventory.Core.Ports;

/// <summary>
/// A channel's availability of one SKU, as pushed: <see cref="Sku"/> and <see cref="Available"/> in the channel's own
/// SKU and units (<see cref="Channels.ChannelMapping.ToChannel"/>). <see cref="Version"/> strictly increases per channel
/// and master SKU, so also per channel SKU.
/// </summary>
public sealed record AvailabilityUpdate(ChannelId Channel, string Sku, int Available, long Version);

/// <summary>Delivers availability to a channel (its push URL, its own API, or a log line).</summary>
/// <remarks>
/// A push the channel cannot take for now (it is down, timing out, throttling, or its circuit is open) fails with
/// <see cref="ChannelUnavailableException"/>: Core then tries that channel again on its own and, once it answers, sends
/// it everything it is owed. Any other failure (the push itself is wrong: a bad secret or URL) is left to the retry round.
/// </remarks>
public interface IAvailabilitySink
{
    Task PushAsync(AvailabilityUpdate update, CancellationToken cancellationToken);
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
