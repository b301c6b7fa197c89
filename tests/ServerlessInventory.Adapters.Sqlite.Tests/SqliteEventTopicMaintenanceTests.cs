using ServerlessInventory.Core.Serialization;
using Shouldly;
using Xunit;
using static ServerlessInventory.Testing.EventFactory;

namespace ServerlessInventory.Adapters.Sqlite.Tests;

/// <summary>
/// The topic's upkeep: messages surviving a reopened file, releasing every lock, purging old settled rows.
/// </summary>
public sealed class SqliteEventTopicMaintenanceTests : TopicTestBase
{
    [Fact]
    public async Task Publish_ThenReopenTheFile_MessagesAndTheirIdsSurvive()
    {
        var sku = NewSku();
        var events = Enumerable.Range(0, 3).Select(i => Received(sku, "dc-1", i + 1)).ToList();
        using (var before = _file.Open(SqliteDurability.Full))
        {
            await Topic(before).PublishAsync(events, Cancellation);
        }

        using var after = _file.Open();
        var reopened = Topic(after);

        (await reopened.CountPendingAsync(Cancellation)).ShouldBe(3);
        (await reopened.PublishAsync([events[1]], Cancellation)).Duplicates.ShouldBe([events[1].Key]);
        var session = (await reopened.AcceptNextSessionAsync(10, Cancellation)).ShouldNotBeNull();
        session.Messages.Select(m => InventoryEventJson.Parse(m.Body).Event).ShouldBe(events);
    }

    [Fact]
    public async Task ReleaseAllLocks_AfterAReceiverDied_MakesItsMessagesDeliverableAtOnce()
    {
        var topic = Topic();
        var sku = NewSku();
        await topic.PublishAsync([Received(sku, "dc-1", 1), Received(sku, "dc-1", 2)], Cancellation);
        var dead = (await topic.AcceptNextSessionAsync(10, Cancellation)).ShouldNotBeNull();
        (await topic.AcceptNextSessionAsync(10, Cancellation)).ShouldBeNull();

        await topic.ReleaseAllLocksAsync(Cancellation);

        var recovered = (await topic.AcceptNextSessionAsync(10, Cancellation)).ShouldNotBeNull();
        recovered.Messages.Select(m => m.MessageId).ShouldBe(dead.Messages.Select(m => m.MessageId));
        await Should.ThrowAsync<TopicLockLostException>(() => topic.CompleteAsync(dead, [dead.Messages[0].MessageId], Cancellation));
    }

    [Fact]
    public async Task PurgeExpired_MixedAgesAndStates_RemovesOnlySettledRowsOlderThanTheWindow()
    {
        var topic = Topic();
        var sku = NewSku();
        var completed = Received(sku, "dc-1", 1);
        var deadLettered = Received(sku, "dc-1", 2);
        var stillPending = Received(NewSku(), "dc-1", 3);
        await topic.PublishAsync([completed, deadLettered, stillPending], Cancellation);
        var session = await AcceptSessionOf(topic, sku, 10);
        await topic.CompleteAsync(session, [completed.Key.Value], Cancellation);
        await topic.DeadLetterAsync(session, deadLettered.Key.Value, "HandlerRejected", null, Cancellation);
        await topic.ReleaseAsync(session, Cancellation);
        _time.Advance(_options.DuplicateDetectionWindow + TimeSpan.FromSeconds(1));
        var recent = Received(sku, "dc-1", 4);
        await topic.PublishAsync([recent], Cancellation);
        var recentSession = await AcceptSessionOf(topic, sku, 10);
        await topic.CompleteAsync(recentSession, [recent.Key.Value], Cancellation);
        await topic.ReleaseAsync(recentSession, Cancellation);

        var purged = await topic.PurgeExpiredAsync(Cancellation);

        purged.ShouldBe(2);
        (await topic.PurgeExpiredAsync(Cancellation)).ShouldBe(0);
        (await topic.CountPendingAsync(Cancellation)).ShouldBe(1);
        (await topic.PublishAsync([recent, stillPending, completed], Cancellation)).Duplicates.ShouldBe([recent.Key, stillPending.Key]);
        (await new SqliteDeadLetterStore(_database).GetAsync(deadLettered.Key.Value, Cancellation)).ShouldNotBeNull("purging the topic leaves the dead-letter store alone");
    }
}
