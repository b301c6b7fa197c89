using ServerlessInventory.Core.Events;
using ServerlessInventory.Core.Serialization;
using Shouldly;
using Xunit;
using static ServerlessInventory.Testing.EventFactory;

namespace ServerlessInventory.Adapters.Sqlite.Tests;

/// <summary>
/// Publishing: duplicate message ids dropped and reported, within and after the detection window; the message
/// an event becomes.
/// </summary>
public sealed class SqliteEventTopicPublishTests : TopicTestBase
{
    [Fact]
    public async Task Publish_MessageIdAlreadyInTopic_IsDroppedAndReported()
    {
        var topic = Topic();
        var sku = NewSku();
        var first = Received(sku, "dc-1", 1);
        var second = Received(sku, "dc-1", 2);
        await topic.PublishAsync([first, second], Cancellation);
        var third = Received(sku, "dc-1", 3);
        var twin = Received(sku, "dc-1", 4);

        var result = await topic.PublishAsync([Received(sku, "dc-1", 99, id: second.Id.Value), third, twin, Received(sku, "dc-1", 98, id: twin.Id.Value)], Cancellation);

        result.Duplicates.ShouldBe([second.Key, twin.Key]);
        (await topic.CountPendingAsync(Cancellation)).ShouldBe(4);
        var delivered = await topic.AcceptNextSessionAsync(10, Cancellation);
        delivered.ShouldNotBeNull().Messages.Select(m => m.Body).ShouldBe([.. new InventoryEvent[] { first, second, third, twin }.Select(InventoryEventJson.Serialize)]);
    }

    [Fact]
    public async Task Publish_IdOfSettledMessage_IsDroppedWithinTheWindowAndAcceptedAfterIt()
    {
        var topic = Topic();
        var sku = NewSku();
        var evt = Received(sku, "dc-1", 1);
        await topic.PublishAsync([evt], Cancellation);
        var session = (await topic.AcceptNextSessionAsync(1, Cancellation)).ShouldNotBeNull();
        await topic.CompleteAsync(session, [evt.Key.Value], Cancellation);
        await topic.ReleaseAsync(session, Cancellation);

        _time.Advance(_options.DuplicateDetectionWindow - TimeSpan.FromSeconds(1));
        (await topic.PublishAsync([evt], Cancellation)).Duplicates.ShouldBe([evt.Key]);
        _time.Advance(TimeSpan.FromSeconds(2));
        (await topic.PublishAsync([evt], Cancellation)).Duplicates.ShouldBeEmpty();

        (await topic.CountPendingAsync(Cancellation)).ShouldBe(1);
    }

    [Fact]
    public async Task Publish_Event_IsAMessageKeyedByEventIdAndSku()
    {
        var topic = Topic();
        var evt = Order(NewSku(), "store-1", 2, reservationId: "r-1");

        await topic.PublishAsync([evt], Cancellation);

        var message = (await topic.AcceptNextSessionAsync(1, Cancellation)).ShouldNotBeNull().Messages.Single();
        message.MessageId.ShouldBe(evt.Key.Value);
        message.SessionId.ShouldBe(evt.Sku.Value);
        message.DeliveryCount.ShouldBe(1);
        message.EnqueuedAt.ShouldBe(Epoch);
        InventoryEventJson.Parse(message.Body).Event.ShouldBe(evt);
    }
}
