using ServerlessInventory.Core.Application;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Events;
using ServerlessInventory.Core.Ports;
using ServerlessInventory.Core.Serialization;
using ServerlessInventory.Core.Tests.Support;
using static ServerlessInventory.Core.Tests.Support.TestData;

namespace ServerlessInventory.Core.Tests.Application;

public sealed class ReplayDeadLetterHandlerTests : IDisposable
{
    private readonly CoreHarness _core = new();

    private IDeadLetterStore DeadLetters => _core.Get<IDeadLetterStore>();

    private Task<ReplayResult> Replay(string messageId) => _core.Get<ReplayDeadLetterHandler>().HandleAsync(messageId, CoreHarness.Ct);

    public void Dispose() => _core.Dispose();

    private async Task<string> DeadLetter(string body, string? messageId = null)
    {
        var id = messageId ?? NewId().Value;
        await DeadLetters.AddAsync(new DeadLetter(id, Sku1, body, "MaxDeliveryCountExceeded", "store unavailable", 10, Start), CoreHarness.Ct);
        return id;
    }

    private Task<string> DeadLetter(InventoryEvent evt) => DeadLetter(InventoryEventJson.Serialize(evt), evt.Id.Value);

    private int OnHand(LocationId? location = null) => _core.Store.PositionOf(Sku1, location ?? Store)?.OnHand ?? 0;

    [Fact]
    public async Task HandleAsync_UnknownMessage_IsNotFound()
    {
        await DeadLetter(Received(5));

        (await Replay("no-such-message")).Status.ShouldBe(ReplayStatus.NotFound);
        _core.Store.CommitAttempts.ShouldBe(0);
    }

    [Theory]
    [InlineData("not json at all", "event")]
    [InlineData("[]", "event")]
    [InlineData("""{"specversion":"1.0","id":"e-1","type":"inventory.sale.recorded","source":"pos","time":"2025-03-01T09:00:00Z","data":{"sku":"SKU-1","location":"store-1"}}""", "data.quantity")]
    public async Task HandleAsync_BodyNotAnEvent_IsStillInvalidAndKept(string body, string field)
    {
        var id = await DeadLetter(body);

        var result = await Replay(id);

        result.Status.ShouldBe(ReplayStatus.StillInvalid);
        result.Field.ShouldBe(field);
        result.Reason.ShouldNotBeNullOrWhiteSpace();
        (await DeadLetters.GetAsync(id, CoreHarness.Ct)).ShouldNotBeNull().Body.ShouldBe(body);
        _core.Store.CommitAttempts.ShouldBe(0);
    }

    [Fact]
    public async Task HandleAsync_ValidEvent_AppliesItAndRemovesTheDeadLetter()
    {
        var received = Received(7);
        var id = await DeadLetter(received);

        var result = await Replay(id);

        result.Status.ShouldBe(ReplayStatus.Replayed);
        OnHand().ShouldBe(7);
        _core.Store.LedgerOf(Sku1).ShouldHaveSingleItem().EventId.ShouldBe(received.Id);
        (await DeadLetters.GetAsync(id, CoreHarness.Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task HandleAsync_EventAlreadyApplied_IsReplayedRemovedAndChangesNothing()
    {
        var received = Received(7);
        await _core.Get<ApplyEventsHandler>().HandleAsync([received], CoreHarness.Ct);
        var id = await DeadLetter(received);

        var result = await Replay(id);

        result.Status.ShouldBe(ReplayStatus.Replayed);
        OnHand().ShouldBe(7);
        _core.Store.Commits.ShouldBe(1);
        (await DeadLetters.GetAsync(id, CoreHarness.Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task HandleAsync_SameDeadLetterReplayedTwice_AppliesOnce()
    {
        var sale = Sale(3);
        await _core.Get<ApplyEventsHandler>().HandleAsync([Received(10)], CoreHarness.Ct);
        var id = await DeadLetter(sale);
        (await Replay(id)).Status.ShouldBe(ReplayStatus.Replayed);
        await DeadLetter(sale);

        var again = await Replay(id);

        again.Status.ShouldBe(ReplayStatus.Replayed);
        OnHand().ShouldBe(7);
        _core.Store.LedgerOf(Sku1).Count(e => e.EventId == sale.Id).ShouldBe(1);
        (await DeadLetters.GetAsync(id, CoreHarness.Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task HandleAsync_CountDatedAhead_IsAppliedAsOfTheReplay()
    {
        // Dead-lettered by an earlier version that refused future counts at apply: a count is now taken as of no later than it is applied.
        var id = await DeadLetter(Counted(40, _core.Time.GetUtcNow().AddDays(1)));

        var result = await Replay(id);

        result.Status.ShouldBe(ReplayStatus.Replayed);
        OnHand().ShouldBe(40);
        _core.Store.PositionOf(Sku1, Store).ShouldNotBeNull().LastCountedAt.ShouldBe(_core.Time.GetUtcNow());
        (await DeadLetters.GetAsync(id, CoreHarness.Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task HandleAsync_OneOfSeveral_RemovesOnlyThatOne()
    {
        var first = await DeadLetter(Received(2));
        var second = await DeadLetter(Received(3));

        await Replay(first);

        (await DeadLetters.GetAsync(first, CoreHarness.Ct)).ShouldBeNull();
        (await DeadLetters.GetAsync(second, CoreHarness.Ct)).ShouldNotBeNull();
        OnHand().ShouldBe(2);
    }
}
