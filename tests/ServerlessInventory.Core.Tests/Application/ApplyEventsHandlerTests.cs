using ServerlessInventory.Core.Application;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Events;
using ServerlessInventory.Core.Tests.Support;
using static ServerlessInventory.Core.Tests.Support.TestData;

namespace ServerlessInventory.Core.Tests.Application;

public sealed class ApplyEventsHandlerTests : IDisposable
{
    private readonly CoreHarness _core = new(new Dictionary<string, string?> { ["Inventory:MaxConcurrencyAttempts"] = "4" });

    private ApplyEventsHandler Handler => _core.Get<ApplyEventsHandler>();

    public void Dispose() => _core.Dispose();

    [Fact]
    public async Task HandleAsync_Batch_ReturnsOneOutcomePerEventInOrderAndCommitsOnce()
    {
        var received = Received(10);
        var sale = Sale(3);
        var foreign = Sale(1, sku: OtherSku);
        var level = Level(7);

        var outcomes = await Handler.HandleAsync([received, sale, sale, foreign, level], CoreHarness.Ct);

        outcomes.Select(o => o.EventId).ShouldBe([received.Id, sale.Id, sale.Id, foreign.Id, level.Id]);
        outcomes.Select(o => o.Disposition).ShouldBe(
        [
            EventDisposition.Applied, EventDisposition.Applied, EventDisposition.Duplicate, EventDisposition.Rejected, EventDisposition.Applied,
        ]);
        _core.Store.Commits.ShouldBe(1);
        _core.Store.VersionOf(Sku1).ShouldBe(1);
        _core.Store.PositionOf(Sku1, Store).ShouldNotBeNull().OnHand.ShouldBe(7);
        _core.Store.LedgerOf(Sku1).Select(e => e.EventId).ShouldBe([received.Id, sale.Id, level.Id]);
        _core.Store.LedgerOf(OtherSku).ShouldBeEmpty();
    }

    [Fact]
    public async Task HandleAsync_BatchLargerThanOneCommit_CommitsInOrderedChunksAndAppliesEveryEvent()
    {
        var events = Enumerable.Range(0, SkuCommit.MaxEvents * 2 + 1).Select(_ => (InventoryEvent)Received(1)).ToList();

        var outcomes = await Handler.HandleAsync(events, CoreHarness.Ct);

        outcomes.ShouldAllBe(o => o.Disposition == EventDisposition.Applied);
        outcomes.Select(o => o.EventId).ShouldBe(events.Select(e => e.Id));
        _core.Store.Commits.ShouldBe(3);
        _core.Store.PositionOf(Sku1, Store).ShouldNotBeNull().OnHand.ShouldBe(events.Count);
        _core.Store.LedgerOf(Sku1).Select(e => e.EventId).ShouldBe(events.Select(e => e.Id));
    }

    [Fact]
    public async Task HandleAsync_EmptyBatch_ReturnsNothingAndCommitsNothing()
    {
        var outcomes = await Handler.HandleAsync([], CoreHarness.Ct);

        outcomes.ShouldBeEmpty();
        _core.Store.CommitAttempts.ShouldBe(0);
    }

    [Fact]
    public async Task HandleAsync_EventRedeliveredInLaterBatch_IsDuplicateAndNotCommitted()
    {
        var sale = Sale(2);
        await Handler.HandleAsync([Received(5), sale], CoreHarness.Ct);

        var outcomes = await Handler.HandleAsync([sale], CoreHarness.Ct);

        outcomes.ShouldHaveSingleItem().Disposition.ShouldBe(EventDisposition.Duplicate);
        _core.Store.Commits.ShouldBe(1);
        _core.Store.PositionOf(Sku1, Store).ShouldNotBeNull().OnHand.ShouldBe(3);
    }

    [Fact]
    public async Task HandleAsync_VersionConflicts_RetriesOnFreshStateAndAppliesOnce()
    {
        _core.Store.ConflictsToInject = 3;
        var received = Received(4);

        var outcomes = await Handler.HandleAsync([received], CoreHarness.Ct);

        outcomes.ShouldHaveSingleItem().Disposition.ShouldBe(EventDisposition.Applied);
        _core.Store.CommitAttempts.ShouldBe(4);
        _core.Store.Commits.ShouldBe(1);
        _core.Store.PositionOf(Sku1, Store).ShouldNotBeNull().OnHand.ShouldBe(4);
        _core.Store.LedgerOf(Sku1).ShouldHaveSingleItem().EventId.ShouldBe(received.Id);
    }

    [Fact]
    public async Task HandleAsync_ConflictsBeyondMaxAttempts_ThrowsConcurrencyExhausted()
    {
        _core.Store.ConflictsToInject = 100;

        var error = await Should.ThrowAsync<ConcurrencyExhaustedException>(() => Handler.HandleAsync([Received(4)], CoreHarness.Ct));

        error.Sku.ShouldBe(Sku1);
        error.Attempts.ShouldBe(4);
        _core.Store.CommitAttempts.ShouldBe(4);
        _core.Store.Commits.ShouldBe(0);
        _core.Store.PositionOf(Sku1, Store).ShouldBeNull();
    }

    [Fact]
    public async Task HandleAsync_Count_UsesStoredLaterEventsAsHistory()
    {
        var countedAt = Start;
        _core.Time.SetUtcNow(Start.AddMinutes(30));
        await Handler.HandleAsync([Received(10, time: countedAt.AddMinutes(-20)), Sale(3, time: countedAt.AddMinutes(10))], CoreHarness.Ct);

        await Handler.HandleAsync([Counted(9, countedAt)], CoreHarness.Ct);

        _core.Store.PositionOf(Sku1, Store).ShouldNotBeNull().OnHand.ShouldBe(9 - 3);
    }

    [Fact]
    public async Task HandleAsync_SaleDatedInFuture_DoesNotDistortLaterCounts()
    {
        var start = _core.Time.GetUtcNow();
        await Handler.HandleAsync([Received(12, time: start)], CoreHarness.Ct);
        await Handler.HandleAsync([Sale(2, time: new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero))], CoreHarness.Ct);

        _core.Time.Advance(TimeSpan.FromSeconds(1));
        await Handler.HandleAsync([Counted(10, _core.Time.GetUtcNow())], CoreHarness.Ct);
        var afterFirstCount = _core.Store.PositionOf(Sku1, Store).ShouldNotBeNull().OnHand;
        _core.Time.Advance(TimeSpan.FromSeconds(5));
        await Handler.HandleAsync([Counted(10, _core.Time.GetUtcNow())], CoreHarness.Ct);

        afterFirstCount.ShouldBe(10);
        _core.Store.PositionOf(Sku1, Store).ShouldNotBeNull().OnHand.ShouldBe(10);
    }

    [Fact]
    public async Task HandleAsync_CountFarInFuture_IsAppliedAsOfNow()
    {
        _core.Store.Seed(Sku1, Position(Store, onHand: 10));

        var outcomes = await Handler.HandleAsync([Counted(3, _core.Time.GetUtcNow().AddDays(1))], CoreHarness.Ct);

        outcomes.ShouldHaveSingleItem().Disposition.ShouldBe(EventDisposition.Applied);
        var position = _core.Store.PositionOf(Sku1, Store).ShouldNotBeNull();
        position.OnHand.ShouldBe(3);
        position.LastCountedAt.ShouldBe(_core.Time.GetUtcNow());
    }

    [Fact]
    public async Task HandleAsync_OrderAfterApiConfirm_IsAlreadyCommitted()
    {
        _core.Store.Seed(Sku1, Position(Store, onHand: 10));
        var reserved = await _core.Get<ReserveHandler>().HandleAsync(new ReserveCommand(Sku1.Value, 3, Web.Value, Store.Value, "r-1"), CoreHarness.Ct);
        reserved.Succeeded.ShouldBeTrue();
        (await _core.Get<ReservationLifecycleHandler>().ConfirmAsync("r-1", "O-7", CoreHarness.Ct)).Succeeded.ShouldBeTrue();

        var outcome = (await Handler.HandleAsync([Placed(3, "O-7", reservation: new ReservationId("r-1"))], CoreHarness.Ct)).ShouldHaveSingleItem();

        outcome.Flags.ShouldNotBeNull().ShouldContain(LedgerFlags.AlreadyCommitted);
        _core.Store.PositionOf(Sku1, Store).ShouldNotBeNull().Committed.ShouldBe(3);
    }

    [Fact]
    public async Task HandleAsync_OrderWithStoredReservation_ConvertsIt()
    {
        _core.Store.Seed(Sku1, Position(Store, onHand: 10));
        await _core.Get<ReserveHandler>().HandleAsync(new ReserveCommand(Sku1.Value, 3, Web.Value, Store.Value, "r-2"), CoreHarness.Ct);

        var outcome = (await Handler.HandleAsync([Placed(3, "O-8", reservation: new ReservationId("r-2"))], CoreHarness.Ct)).ShouldHaveSingleItem();

        outcome.Flags.ShouldNotBeNull().ShouldContain(LedgerFlags.ReservationConverted);
        _core.Store.ReservationOf(Sku1, new ReservationId("r-2")).ShouldNotBeNull().Status.ShouldBe(ReservationStatus.Confirmed);
    }

    [Fact]
    public async Task HandleAsync_LedgerEntries_CarryCommitVersionAndClock()
    {
        await Handler.HandleAsync([Received(1)], CoreHarness.Ct);
        _core.Time.Advance(TimeSpan.FromMinutes(1));

        await Handler.HandleAsync([Received(2), Sale(1)], CoreHarness.Ct);

        var ledger = _core.Store.LedgerOf(Sku1);
        ledger.Select(e => e.Version).ShouldBe([1L, 2L, 2L]);
        ledger.Select(e => e.AppliedAt).ShouldBe([Start, Start.AddMinutes(1), Start.AddMinutes(1)]);
    }

    [Fact]
    public async Task HandleAsync_OnlyEventsOfAnotherSkuThanFirst_AreRejected()
    {
        InventoryEvent[] batch = [Sale(1, sku: OtherSku), Sale(1)];

        var outcomes = await Handler.HandleAsync(batch, CoreHarness.Ct);

        outcomes[0].Disposition.ShouldBe(EventDisposition.Applied);
        outcomes[1].Disposition.ShouldBe(EventDisposition.Rejected);
        _core.Store.PositionOf(OtherSku, Store).ShouldNotBeNull().OnHand.ShouldBe(-1);
    }
}
