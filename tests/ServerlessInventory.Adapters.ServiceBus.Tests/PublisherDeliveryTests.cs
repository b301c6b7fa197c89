using ServerlessInventory.Adapters.ServiceBus.Tests.Support;
using ServerlessInventory.Core.Events;
using ServerlessInventory.Core.Serialization;
using ServerlessInventory.Testing;

namespace ServerlessInventory.Adapters.ServiceBus.Tests;

/// <summary>What reaches the broker: the documented batch shape, split to the size limit, in order.</summary>
public sealed class PublisherDeliveryTests
{
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
        batch.Messages.Select(m => m.MessageId).ShouldBe(events.Select(e => e.Id.Value));
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
        batches.SelectMany(b => b.Messages).Select(m => m.MessageId).ShouldBe(events.Select(e => e.Id.Value));
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
