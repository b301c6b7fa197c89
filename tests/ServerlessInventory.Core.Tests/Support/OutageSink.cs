using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Core.Tests.Support;

/// <summary>One push the sink was asked for, in order, and whether the channel took it.</summary>
internal sealed record PushAttempt(AvailabilityUpdate Update, bool Delivered);

/// <summary>
/// A sink whose channels can be taken down, failing as the HTTP sink does for a channel that is down: with
/// <see cref="ChannelUnavailableException"/> and how long its circuit stays open. Records every attempt.
/// </summary>
internal sealed class OutageSink : IAvailabilitySink
{
    private readonly Lock _gate = new();
    private readonly List<PushAttempt> _attempts = [];
    private readonly Dictionary<ChannelId, TimeSpan?> _down = [];

    public IReadOnlyList<PushAttempt> Attempts
    {
        get
        {
            lock (_gate)
            {
                return [.. _attempts];
            }
        }
    }

    public IReadOnlyList<AvailabilityUpdate> DeliveredTo(ChannelId channel) => [.. Attempts.Where(a => a.Delivered && a.Update.Channel == channel).Select(a => a.Update)];

    public IReadOnlyList<AvailabilityUpdate> FailedTo(ChannelId channel) => [.. Attempts.Where(a => !a.Delivered && a.Update.Channel == channel).Select(a => a.Update)];

    public void Down(ChannelId channel, TimeSpan? retryAfter)
    {
        lock (_gate)
        {
            _down[channel] = retryAfter;
        }
    }

    public void Up(ChannelId channel)
    {
        lock (_gate)
        {
            _down.Remove(channel);
        }
    }

    public Task PushAsync(AvailabilityUpdate update, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var down = _down.TryGetValue(update.Channel, out var retryAfter);
            _attempts.Add(new PushAttempt(update, !down));
            return down
                ? Task.FromException(new ChannelUnavailableException(update.Channel, retryAfter, new HttpRequestException("503")))
                : Task.CompletedTask;
        }
    }
}
