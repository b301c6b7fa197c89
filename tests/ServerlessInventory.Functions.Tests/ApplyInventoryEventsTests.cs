using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Options;
using ServerlessInventory.Adapters.Sqlite;
using ServerlessInventory.Core.Application;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Events;
using ServerlessInventory.Core.Ports;
using ServerlessInventory.Core.Serialization;
using ServerlessInventory.Functions.Messaging;
using ServerlessInventory.Testing;
using static ServerlessInventory.Testing.EventFactory;

namespace ServerlessInventory.Functions.Tests;

/// <summary>
/// The session-enabled apply function, given a batch as the Service Bus extension gives it: it applies through Core
/// and settles every message explicitly.
/// </summary>
public sealed class ApplyInventoryEventsTests : IDisposable
{
    private const int MaxDeliveryCount = 3;
    private readonly string _folder = Directory.CreateTempSubdirectory("si-functions-").FullName;
    private readonly SqliteDatabase _database;
    private readonly CoreHarness _core;
    private readonly RecordingMessageActions _actions = new();

    public ApplyInventoryEventsTests()
    {
        _database = new SqliteDatabase(new SqliteOptions { DatabasePath = Path.Combine(_folder, "apply.db") });
        _core = new CoreHarness(new SqliteInventoryStore(_database));
    }

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private IDeadLetterStore DeadLetters => _core.Get<IDeadLetterStore>();

    public void Dispose()
    {
        _core.Dispose();
        _database.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Run_BatchOfOneSku_AppliesItAsOneCommitAndCompletesEveryMessage()
    {
        var sku = NewSku();
        var events = new InventoryEvent[] { Received(sku, "store-1", 10), Sale(sku, "store-1", 3) };

        await Run(_core, events.Select(e => Message(e)).ToArray());

        _actions.Completed.ShouldBe(events.Select(e => e.Id.Value));
        (await OnHand(sku)).ShouldBe(7);
        (await _core.Get<IInventoryStore>().LoadAsync(sku, SnapshotRequest.None, Cancellation)).Version.ShouldBe(1);
    }

    [Fact]
    public async Task Run_MessageRedeliveredAfterItApplied_CompletesWithoutApplyingAgain()
    {
        var sku = NewSku();
        var received = Received(sku, "store-1", 10);
        await Run(_core, [Message(received)]);

        await Run(_core, [Message(received, deliveryCount: 2)]);

        _actions.Completed.ShouldBe([received.Id.Value, received.Id.Value]);
        (await OnHand(sku)).ShouldBe(10);
    }

    [Fact]
    public async Task Run_BodyThatIsNotAnEvent_IsDeadLetteredWithItsReasonAndTheRestApply()
    {
        var sku = NewSku();
        var good = Received(sku, "store-1", 4);
        var poison = ServiceBusModelFactory.ServiceBusReceivedMessage(
            body: BinaryData.FromString("{\"specversion\":\"1.0\",\"id\":\"p-1\",\"type\":\"inventory.sale.recorded\"}"), messageId: "p-1", sessionId: sku.Value, deliveryCount: 1);

        await Run(_core, [poison, Message(good)]);

        _actions.DeadLettered.ShouldHaveSingleItem().ShouldBe(("p-1", "invalid_event", "source is required"));
        _actions.Completed.ShouldBe([good.Id.Value]);
        (await DeadLetters.GetAsync("p-1", Cancellation)).ShouldNotBeNull().Reason.ShouldBe("invalid_event");
        (await OnHand(sku)).ShouldBe(4);
    }

    [Fact]
    public async Task Run_EventCoreRejects_IsDeadLetteredWithTheRejection()
    {
        // Core refuses an event of another SKU than the session's batch: it cannot be applied in this SKU's commit.
        var sku = NewSku();
        var stray = Received(NewSku(), "store-1", 5);
        var strayInThisSession = ServiceBusModelFactory.ServiceBusReceivedMessage(
            body: BinaryData.FromString(InventoryEventJson.Serialize(stray)), messageId: stray.Id.Value, sessionId: sku.Value, deliveryCount: 1);
        var good = Received(sku, "store-1", 4);

        await Run(_core, [Message(good), strayInThisSession]);

        var (messageId, reason, description) = _actions.DeadLettered.ShouldHaveSingleItem();
        messageId.ShouldBe(stray.Id.Value);
        reason.ShouldBe("rejected");
        description.ShouldNotBeNull().ShouldContain(stray.Sku.Value);
        _actions.Completed.ShouldBe([good.Id.Value]);
        (await DeadLetters.GetAsync(messageId, Cancellation)).ShouldNotBeNull().Sku.ShouldBe(sku);
    }

    [Fact]
    public async Task Run_StoreFailingBeforeTheLastDelivery_AbandonsForRedeliveryAndRecordsNothing()
    {
        using var failing = new CoreHarness(new FailingStore());
        var sale = Sale(NewSku(), "store-1", 1);

        await Run(failing, [Message(sale, deliveryCount: MaxDeliveryCount - 1)]);

        _actions.Abandoned.ShouldBe([sale.Id.Value]);
        _actions.DeadLettered.ShouldBeEmpty();
        (await failing.Get<IDeadLetterStore>().GetAsync(sale.Id.Value, Cancellation)).ShouldBeNull();
    }

    [Fact]
    public async Task Run_StoreFailingOnTheLastDelivery_DeadLettersWithTheFailure()
    {
        using var failing = new CoreHarness(new FailingStore());
        var sale = Sale(NewSku(), "store-1", 1);

        await Run(failing, [Message(sale, deliveryCount: MaxDeliveryCount)]);

        _actions.Abandoned.ShouldBeEmpty();
        _actions.DeadLettered.ShouldHaveSingleItem().Reason.ShouldBe("apply_failed");
        var letter = (await failing.Get<IDeadLetterStore>().GetAsync(sale.Id.Value, Cancellation)).ShouldNotBeNull();
        letter.Description.ShouldBe(FailingStore.Failure);
        letter.DeliveryCount.ShouldBe(MaxDeliveryCount);
        InventoryEventJson.Parse(letter.Body).Event.ShouldBe(sale);
    }

    private Task Run(CoreHarness core, ServiceBusReceivedMessage[] messages)
    {
        var function = new ApplyInventoryEvents(
            core.Get<ApplyEventsHandler>(),
            core.Get<IDeadLetterStore>(),
            core.Time,
            Options.Create(new InventoryEventsOptions { MaxDeliveryCount = MaxDeliveryCount }),
            core.Get<InventoryMetrics>());
        return function.Run(messages, _actions, new IdleSessionActions(), Cancellation);
    }

    private static ServiceBusReceivedMessage Message(InventoryEvent evt, int deliveryCount = 1) => ServiceBusModelFactory.ServiceBusReceivedMessage(
        body: BinaryData.FromString(InventoryEventJson.Serialize(evt)),
        messageId: evt.Id.Value,
        sessionId: evt.Sku.Value,
        deliveryCount: deliveryCount);

    private async Task<int> OnHand(Sku sku) =>
        (await _core.Get<QueryInventoryHandler>().HandleAsync(sku, Cancellation)).Locations.Sum(l => l.OnHand);

    /// <summary>A store whose every read fails, as one that is down: a fake, for the function's failure path only.</summary>
    private sealed class FailingStore : IInventoryStore
    {
        public const string Failure = "the store is unreachable";

        public Task<SkuSnapshot> LoadAsync(Sku sku, SnapshotRequest request, CancellationToken cancellationToken) => throw new InvalidOperationException(Failure);

        public Task<CommitResult> CommitAsync(SkuCommit commit, CancellationToken cancellationToken) => throw new InvalidOperationException(Failure);

        public Task<LedgerPage> ReadLedgerAsync(Sku sku, int pageSize, string? continuation, CancellationToken cancellationToken) => throw new InvalidOperationException(Failure);

        public Task<Sku?> FindReservationSkuAsync(ReservationId reservationId, CancellationToken cancellationToken) => throw new InvalidOperationException(Failure);

        public Task<IReadOnlyList<Reservation>> FindLapsedReservationsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) => throw new InvalidOperationException(Failure);
    }
}
