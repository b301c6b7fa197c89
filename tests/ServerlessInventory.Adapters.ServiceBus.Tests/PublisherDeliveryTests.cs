using ServerlessInventory.Adapters.ServiceBus.Tests.Support;
using ServerlessInventory.Core.Events;
using ServerlessInventory.Core.Serialization;
using ServerlessInventory.Testing;

namespace ServerlessInventory.Adapters.ServiceBus.Tests;

/// <summary>What reaches the broker: the documented batch shape, split to the size limit, in order.</summary>
public sealed class PublisherDeliveryTests
{
    [Fact]
    public async Task Publish_SameIdFromTwoSources_TwoMessageIdsWithinTheBrokersLimit()
    {
        // Broker duplicate detection drops a repeated message id silently: web's 1001 must not be pos's.
        await using var receiver = await ServiceBusReceiver.StartAsync(TestContext.Current.CancellationToken);
        using var harness = new PublisherHarness(receiver.BaseAddress);
        var sku = EventFactory.NewSku();
        var longest = new string('x', Core.Domain.Guard.MaxIdentifierLength);
        InventoryEvent[] events =
        [
            EventFactory.Received(sku, "store-1", 4, id: "1001", source: "pos"),
            EventFactory.Received(sku, "dc-1", 7, id: "1001", source: "web"),
            EventFactory.Received(sku, "dc-1", 1, id: longest, source: longest),
        ];

        await harness.Publisher.PublishAsync(events, TestContext.Current.CancellationToken);

        var ids = receiver.Received.ShouldHaveSingleItem().Messages.Select(m => m.MessageId).ToList();
        ids.ShouldBe(["pos:1001", "web:1001", events[2].Key.Value]);
        ids.ShouldAllBe(id => id.Length <= 128);
    }

    [Fact]
    public async Task Publish_FewEvents_OneBatchOfTheDocumentedShape()
    {
        await using var receiver = await ServiceBusReceiver.StartAsync(TestContext.Current.CancellationToken);
        using var harness = new PublisherHarness(receiver.BaseAddress);
        var sku = EventFactory.NewSku();
        InventoryEvent[] events = [EventFactory.Received(sku, "dc-1", 5), EventFactory.Sale(EventFactory.NewSku(), "store-1", 1)];

        var result = await harness.Publisher.PublishAsync(events, TestContext.Current.CancellationToken);

        result.ShouldBeSameAs(Core.Ports.PublishResult.NoDuplicates);
        var batch = receiver.Received.ShouldHaveSingleItem();
        batch.Problems.ShouldBeEmpty();
        batch.Topic.ShouldBe("inventory-events");
        batch.Authorization.ShouldNotBeNull().ShouldStartWith("SharedAccessSignature sr=");
        batch.Messages.Select(m => m.MessageId).ShouldBe(events.Select(e => e.Key.Value));
        batch.Messages.Select(m => m.SessionId).ShouldBe(events.Select(e => e.Sku.Value));
        batch.Messages.Select(m => m.Body).ShouldBe(events.Select(InventoryEventJson.Serialize));
        InventoryEventJson.Parse(batch.Messages[0].Body).Event.ShouldBe(events[0]);
    }

    [Fact]
    public async Task Publish_ManyEvents_SplitIntoBatchesUnderTheLimitWithEveryEventOnceInOrder()
    {
        await using var receiver = await ServiceBusReceiver.StartAsync(TestContext.Current.CancellationToken);
        using var harness = new PublisherHarness(receiver.BaseAddress, new() { ["ServiceBus:MaxBatchBytes"] = "4096" });
        var events = Enumerable.Range(0, 60).Select(i => (InventoryEvent)EventFactory.Received(EventFactory.NewSku(), $"dc-{i}", i + 1)).ToList();

        await harness.Publisher.PublishAsync(events, TestContext.Current.CancellationToken);

        var batches = receiver.Received;
        batches.Count.ShouldBeGreaterThan(1);
        batches.ShouldAllBe(b => b.Problems.Count == 0 && b.BodyBytes <= 4096);
        batches.SelectMany(b => b.Messages).Select(m => m.MessageId).ShouldBe(events.Select(e => e.Key.Value));
    }

    [Fact]
    public async Task Publish_EventLargerThanTheLimitAlone_ThrowsNamingItAndSendsNothing()
    {
        await using var receiver = await ServiceBusReceiver.StartAsync(TestContext.Current.CancellationToken);
        using var harness = new PublisherHarness(receiver.BaseAddress, new() { ["ServiceBus:MaxBatchBytes"] = "1024" });
        var small = EventFactory.Received(EventFactory.NewSku(), "dc-1", 1);
        // Identifiers at their longest (128): the message (body, id and session) is over 1 KiB.
        var large = EventFactory.Received(new Core.Domain.Sku(new string('s', 128)), new string('l', 128), 1, id: new string('b', 128));

        var failure = await Should.ThrowAsync<ServiceBusMessageTooLargeException>(
            () => harness.Publisher.PublishAsync([small, large], TestContext.Current.CancellationToken));

        failure.EventId.ShouldBe(large.Id.Value);
        failure.Message.ShouldContain(large.Id.Value);
        receiver.Received.ShouldBeEmpty();
    }
}
