using ServerlessInventory.Adapters.Sqlite;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.LocalRunner.Messaging;

/// <summary>The local topic's backlog for the health report, read from the SQLite file the runner delivers from.</summary>
public sealed class LocalTopicHealth(SqliteEventTopic topic, TimeProvider timeProvider) : ITopicHealthSource
{
    public async Task<TopicReading> ReadAsync(CancellationToken cancellationToken)
    {
        var backlog = await topic.ReadBacklogAsync(cancellationToken).ConfigureAwait(false);
        var age = backlog.OldestPendingEnqueuedAt is { } oldest ? timeProvider.GetUtcNow() - oldest : TimeSpan.Zero;
        return new TopicReading("local topic (SQLite)", backlog.Pending, age < TimeSpan.Zero ? TimeSpan.Zero : age, backlog.DeadLettered);
    }
}
