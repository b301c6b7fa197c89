using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ServerlessInventory.Adapters.ServiceBus.Tests.Support;
using ServerlessInventory.Core.Events;
using ServerlessInventory.Core.Ports;
using ServerlessInventory.Core.Serialization;
using ServerlessInventory.Testing;

namespace ServerlessInventory.Adapters.ServiceBus.Tests;

/// <summary>ServiceBusEventPublisher over a recording sender: what each message carries and how batches are cut.</summary>
public sealed class PublisherTests
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    private static ServiceBusEventPublisher Publisher(RecordingSender sender, bool partitioned = false) =>
        new(sender, Options.Create(new ServiceBusPublisherOptions { FullyQualifiedNamespace = "contoso.servicebus.windows.net", PartitionedTopic = partitioned }), NullLogger<ServiceBusEventPublisher>.Instance);

    private static int BodyBytes(InventoryEvent evt) => ServiceBusEventPublisher.ToMessage(evt).Body.ToMemory().Length;

    [Fact]
    public async Task PublishAsync_Events_EachMessageCarriesTheEventKeyItsSkuAsSessionAndTheCanonicalJson()
    {
        var sku = EventFactory.NewSku();
        InventoryEvent[] events = [EventFactory.Received(sku, "dc-1", 5, id: "e-1"), EventFactory.Sale(sku, "dc-1", 2, id: "e-2")];
        var sender = new RecordingSender(256 * 1024);

        var result = await Publisher(sender).PublishAsync(events, Ct);

        result.Duplicates.ShouldBeEmpty();
        var sent = sender.Sent.ShouldHaveSingleItem();
        sent.Select(m => m.MessageId).ShouldBe(["test:e-1", "test:e-2"]);
        sent.Select(m => m.SessionId).ShouldAllBe(s => s == sku.Value);
        sent.Select(m => m.Body.ToString()).ShouldBe(events.Select(InventoryEventJson.Serialize));
    }

    [Fact]
    public async Task PublishAsync_SameIdFromTwoSources_TwoMessageIdsWithinTheBrokersLimit()
    {
        // Broker duplicate detection drops a repeated message id silently: web's 1001 must not be pos's.
        var sku = EventFactory.NewSku();
        var longest = new string('x', Core.Domain.Guard.MaxIdentifierLength);
        InventoryEvent[] events =
        [
            EventFactory.Received(sku, "store-1", 4, id: "1001", source: "pos"),
            EventFactory.Received(sku, "dc-1", 7, id: "1001", source: "web"),
            EventFactory.Received(sku, "dc-1", 1, id: longest, source: longest),
        ];
        var sender = new RecordingSender(256 * 1024);

        await Publisher(sender).PublishAsync(events, Ct);

        var ids = sender.Sent.ShouldHaveSingleItem().Select(m => m.MessageId).ToList();
        ids.ShouldBe(["pos:1001", "web:1001", events[2].Key.Value]);
        ids.ShouldAllBe(id => id.Length <= 128);
    }

    [Fact]
    public async Task PublishAsync_MoreThanOneBatchHolds_SplitsInOrderIntoBatchesThatFit()
    {
        var sku = EventFactory.NewSku();
        InventoryEvent[] events = [.. Enumerable.Range(1, 7).Select(i => EventFactory.Received(sku, "dc-1", i, id: $"e-{i}"))];
        var sender = new RecordingSender(BodyBytes(events[0]) * 3);

        await Publisher(sender).PublishAsync(events, Ct);

        sender.Sent.Select(b => b.Count).ShouldBe([3, 3, 1]);
        sender.Sent.SelectMany(b => b).Select(m => m.MessageId).ShouldBe(events.Select(e => e.Key.Value));
    }

    [Fact]
    public async Task PublishAsync_TopicNotPartitioned_OneBatchSpansSessions()
    {
        InventoryEvent[] events = [EventFactory.Received(EventFactory.NewSku("a"), "dc-1", 1), EventFactory.Received(EventFactory.NewSku("b"), "dc-1", 1)];
        var sender = new RecordingSender(256 * 1024);

        await Publisher(sender).PublishAsync(events, Ct);

        sender.Sent.ShouldHaveSingleItem().Select(m => m.SessionId).Distinct().Count().ShouldBe(2);
    }

    [Fact]
    public async Task PublishAsync_PartitionedTopic_EachBatchHoldsOneSessionInItsOrder()
    {
        var (a, b) = (EventFactory.NewSku("a"), EventFactory.NewSku("b"));
        InventoryEvent[] events =
        [
            EventFactory.Received(a, "dc-1", 1, id: "a-1"), EventFactory.Received(b, "dc-1", 1, id: "b-1"),
            EventFactory.Sale(a, "dc-1", 1, id: "a-2"), EventFactory.Sale(b, "dc-1", 1, id: "b-2"),
        ];
        var sender = new RecordingSender(256 * 1024);

        await Publisher(sender, partitioned: true).PublishAsync(events, Ct);

        sender.Sent.Count.ShouldBe(2);
        sender.Sent.ShouldAllBe(batch => batch.Select(m => m.SessionId).Distinct().Count() == 1);
        sender.Sent.Select(batch => string.Join(",", batch.Select(m => m.MessageId))).ShouldBe(["test:a-1,test:a-2", "test:b-1,test:b-2"]);
    }

    [Fact]
    public async Task PublishAsync_EventLargerThanAnEmptyBatch_FailsNamingItAndSendsNothing()
    {
        var sku = EventFactory.NewSku();
        var small = EventFactory.Received(sku, "dc-1", 1, id: "small");
        var largeId = "large-" + new string('x', 100);
        var large = EventFactory.Received(sku, "dc-1", 1, id: largeId);
        var sender = new RecordingSender(BodyBytes(small) + 10);

        var failure = await Should.ThrowAsync<ServiceBusMessageTooLargeException>(() => Publisher(sender).PublishAsync([small, large], Ct));

        failure.EventId.ShouldBe(largeId);
        failure.Message.ShouldContain($"'{largeId}'");
        sender.Sent.ShouldBeEmpty();
    }

    [Fact]
    public async Task PublishAsync_SendFailsAfterTheSdkRetries_IsAFailedPublish()
    {
        var sender = new RecordingSender(256 * 1024) { FailSends = new ServiceBusException("the broker is busy", ServiceBusFailureReason.ServiceBusy) };

        var failure = await Should.ThrowAsync<EventPublishException>(() => Publisher(sender).PublishAsync([EventFactory.Received(EventFactory.NewSku(), "dc-1", 1)], Ct));

        failure.InnerException.ShouldBeOfType<ServiceBusException>().Reason.ShouldBe(ServiceBusFailureReason.ServiceBusy);
        failure.Message.ShouldContain("inventory-events");
    }
}
