using ServerlessInventory.Adapters.Sqlite;
using ServerlessInventory.Core.Events;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.LocalRunner.Messaging;

/// <summary>Wakes a waiting loop the moment there is work for it, instead of leaving it to its next look.</summary>
public abstract class Wakeup : IDisposable
{
    private readonly SemaphoreSlim _pulses = new(0, int.MaxValue);

    public void Pulse(int times) => _pulses.Release(Math.Max(1, times));

    /// <summary>Waits for a pulse or until <paramref name="timeout"/>, whichever comes first.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _pulses.WaitAsync(timeout, cancellationToken);

    public void Dispose()
    {
        _pulses.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>Pulsed when events are published: topic workers wake.</summary>
public sealed class TopicSignal : Wakeup;

/// <summary>Pulsed when applied events were committed: the change-feed pump wakes.</summary>
public sealed class ChangeFeedSignal : Wakeup;

/// <summary>The topic as Core's publisher, pulsing the workers after every publish.</summary>
public sealed class SignallingPublisher(SqliteEventTopic topic, TopicSignal signal) : IEventPublisher
{
    public async Task<PublishResult> PublishAsync(IReadOnlyList<InventoryEvent> events, CancellationToken cancellationToken)
    {
        var result = await topic.PublishAsync(events, cancellationToken).ConfigureAwait(false);
        signal.Pulse(events.Select(e => e.Sku).Distinct().Count());
        return result;
    }
}
