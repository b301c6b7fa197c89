namespace ServerlessInventory.Core.Ports;

/// <summary>
/// The topic subscription the apply handler reads, as the host's topic sees it: messages not yet settled, how long the
/// oldest has waited (null when the topic cannot tell), and messages dead-lettered. <see cref="Source"/> names where
/// the figures came from (the local topic, the Service Bus administration API).
/// </summary>
public sealed record TopicReading(string Source, long Pending, TimeSpan? OldestPendingAge, long DeadLettered);

/// <summary>Reads the topic's backlog for the health report.</summary>
public interface ITopicHealthSource
{
    Task<TopicReading> ReadAsync(CancellationToken cancellationToken);
}

/// <summary>The default where the host registers no topic reader: says so instead of answering zeros as if measured.</summary>
public sealed class NoTopicHealthSource : ITopicHealthSource
{
    public Task<TopicReading> ReadAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new TopicReading("not measured: this host reads no topic", 0, null, 0));
}
