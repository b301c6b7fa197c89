using ServerlessInventory.Adapters.Sqlite;
using ServerlessInventory.Core.Events;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.LocalRunner.Messaging;

/// <summary>Wakes idle topic workers the moment something is published, instead of leaving it to their next look.</summary>
public sealed class TopicSignal : IDisposable
{
    private readonly SemaphoreSlim _published = new(0, int.MaxValue);

    public void Pulse(int times) => _published.Release(Math.Max(1, times));

    /// <summary>Waits for a publish or until <paramref name="timeout"/>, whichever comes first.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _published.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _published.Dispose();
}

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
