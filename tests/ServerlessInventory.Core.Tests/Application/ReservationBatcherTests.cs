using Microsoft.Extensions.DependencyInjection;
using ServerlessInventory.Core.Application;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;
using ServerlessInventory.Core.Tests.Support;
using static ServerlessInventory.Core.Tests.Support.TestData;

namespace ServerlessInventory.Core.Tests.Application;

/// <summary>
/// Operations on one SKU that arrive while a commit for it is in flight are decided together on one fresh snapshot
/// and committed once. The first commit is held by the test, so which requests queue behind it is certain.
/// </summary>
public sealed class ReservationBatcherTests : IDisposable
{
    private readonly CoreHarness _core;
    private readonly HeldCommitStore _store;

    public ReservationBatcherTests() : this(null) { }

    private ReservationBatcherTests(IReadOnlyDictionary<string, string?>? settings)
    {
        HeldCommitStore? store = null;
        _core = new CoreHarness(settings, s => s.AddSingleton<IInventoryStore>(_ => store!));
        _store = store = new HeldCommitStore(_core.Store);
        _core.Store.Seed(Sku1, Position(Store, onHand: 3));
    }

    public void Dispose() => _core.Dispose();

    private Task<ReservationResult> Reserve(int quantity = 1, string? id = null, Sku? sku = null) =>
        _core.Get<ReserveHandler>().HandleAsync(new ReserveCommand((sku ?? Sku1).Value, quantity, Pos.Value, ReservationId: id), CoreHarness.Ct);

    private async Task<Task<ReservationResult>> ReserveHeldInFlight(string id)
    {
        _store.HoldNextCommit();
        var first = Reserve(id: id);
        await _store.CommitEntered.WaitAsync(CoreHarness.Ct);
        return first;
    }

    [Fact]
    public async Task DecideAsync_RequestsArrivingDuringCommit_AreDecidedInArrivalOrderAndCommittedOnce()
    {
        var first = await ReserveHeldInFlight("r-0");
        var queued = new[] { Reserve(id: "r-1"), Reserve(id: "r-2"), Reserve(id: "r-3") };

        _store.ReleaseCommit();
        var results = await Task.WhenAll(queued);

        (await first).Succeeded.ShouldBeTrue();
        results.Select(r => r.Succeeded).ShouldBe([true, true, false]);
        results[2].Failure.ShouldBe(ReservationFailure.InsufficientStock);
        _store.CommittedGroups.Select(g => string.Join(",", g.Select(id => id.Value).Order())).ShouldBe(["r-0", "r-1,r-2"]);
        _core.Store.CommitAttempts.ShouldBe(2);
    }

    [Fact]
    public async Task DecideAsync_OtherSkuWhileCommitInFlight_CommitsAloneWithoutWaiting()
    {
        _core.Store.Seed(OtherSku, Position(Store, onHand: 1));
        var held = await ReserveHeldInFlight("r-0");

        var other = await Reserve(sku: OtherSku);

        other.Succeeded.ShouldBeTrue();
        held.IsCompleted.ShouldBeFalse();
        _store.ReleaseCommit();
        (await held).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task DecideAsync_SameReservationIdTwiceInOneGroup_HoldsOnceAndAnswersBothWithIt()
    {
        var first = await ReserveHeldInFlight("r-0");
        var twice = new[] { Reserve(quantity: 2, id: "r-1"), Reserve(quantity: 2, id: "r-1") };

        _store.ReleaseCommit();
        var results = await Task.WhenAll(twice);

        await first;
        results[0].Reservation.ShouldNotBeNull().ShouldBe(results[1].Reservation);
        _core.Store.ReservationOf(Sku1, new ReservationId("r-1")).ShouldNotBeNull().Quantity.ShouldBe(2);
        (await Reserve()).Failure.ShouldBe(ReservationFailure.InsufficientStock);
    }

    [Fact]
    public async Task DecideAsync_GroupCommitFails_FailsOnlyThatGroupAndTheNextRequestSucceeds()
    {
        var first = await ReserveHeldInFlight("r-0");
        var queued = new[] { Reserve(id: "r-1"), Reserve(id: "r-2") };
        _store.FailuresToInject = 1;

        _store.ReleaseCommit();

        await Should.ThrowAsync<IOException>(first);
        foreach (var request in queued)
        {
            (await request).Succeeded.ShouldBeTrue();
        }
        (await Reserve(id: "r-3")).Succeeded.ShouldBeTrue();
        _core.Store.ReservationOf(Sku1, new ReservationId("r-0")).ShouldBeNull();
    }

    [Fact]
    public async Task DecideAsync_AnotherInstanceCommitsFirst_RedecidesTheWholeGroupOnFreshState()
    {
        var first = await ReserveHeldInFlight("r-0");
        var queued = new[] { Reserve(id: "r-1"), Reserve(id: "r-2"), Reserve(id: "r-3") };
        _core.Store.ConflictsToInject = 1;

        _store.ReleaseCommit();
        var results = await Task.WhenAll(queued);

        (await first).Succeeded.ShouldBeTrue();
        results.Count(r => r.Succeeded).ShouldBe(2);
        _core.Store.Commits.ShouldBe(2);
    }

    [Fact]
    public async Task DecideAsync_LifecycleOperationsQueuedWithReserve_AreDecidedInOneCommit()
    {
        _core.Store.Seed(Sku1, Position(Store, onHand: 10));
        var toConfirm = (await Reserve(id: "c")).Reservation.ShouldNotBeNull();
        var toRelease = (await Reserve(id: "r")).Reservation.ShouldNotBeNull();
        var lifecycle = _core.Get<ReservationLifecycleHandler>();
        var first = await ReserveHeldInFlight("r-0");
        var commitsBefore = _core.Store.Commits;

        var confirm = lifecycle.ConfirmAsync(toConfirm.Id.Value, "o-1", CoreHarness.Ct);
        var release = lifecycle.ReleaseAsync(toRelease.Id.Value, CoreHarness.Ct);
        var badExtend = lifecycle.ExtendAsync("c", 999_999, CoreHarness.Ct);
        _store.ReleaseCommit();

        await first;
        (await confirm).Reservation.ShouldNotBeNull().Status.ShouldBe(ReservationStatus.Confirmed);
        (await release).Reservation.ShouldNotBeNull().Status.ShouldBe(ReservationStatus.Released);
        (await badExtend).Field.ShouldBe("ttlSeconds");
        _core.Store.Commits.ShouldBe(commitsBefore + 2);
        _core.Store.PositionOf(Sku1, Store).ShouldNotBeNull().Committed.ShouldBe(1);
    }

    [Fact]
    public async Task DecideAsync_MoreQueuedThanMaxGroupSize_SplitsIntoGroupsOfThatSize()
    {
        using var small = new ReservationBatcherTests(new Dictionary<string, string?> { ["Reservations:MaxGroupSize"] = "2" });
        small._core.Store.Seed(Sku1, Position(Store, onHand: 10));
        var first = await small.ReserveHeldInFlight("r-0");
        var queued = Enumerable.Range(1, 5).Select(i => small.Reserve(id: $"r-{i}")).ToArray();

        small._store.ReleaseCommit();
        await Task.WhenAll(queued);

        await first;
        small._store.CommittedGroups.Select(g => g.Count).ShouldBe([1, 2, 2, 1]);
    }

    [Fact]
    public async Task DecideAsync_GroupingOff_EachQueuedRequestCommitsAlone()
    {
        using var alone = new ReservationBatcherTests(new Dictionary<string, string?> { ["Reservations:GroupConcurrentRequests"] = "false" });
        var first = await alone.ReserveHeldInFlight("r-0");
        var queued = new[] { alone.Reserve(id: "r-1"), alone.Reserve(id: "r-2") };

        alone._store.ReleaseCommit();
        await Task.WhenAll(queued);

        await first;
        alone._store.CommittedGroups.ShouldAllBe(g => g.Count == 1);
        alone._core.Store.CommitAttempts.ShouldBeGreaterThan(alone._store.CommittedGroups.Count);
    }
}
