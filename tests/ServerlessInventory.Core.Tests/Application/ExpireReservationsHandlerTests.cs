using ServerlessInventory.Core.Application;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Tests.Support;
using static ServerlessInventory.Core.Tests.Support.TestData;

namespace ServerlessInventory.Core.Tests.Application;

public sealed class ExpireReservationsHandlerTests : IDisposable
{
    private readonly CoreHarness _core = new(new Dictionary<string, string?> { ["Reservations:SweepBatchSize"] = "2" });

    public ExpireReservationsHandlerTests()
    {
        _core.Store.Seed(Sku1, Position(Store, onHand: 100));
        _core.Store.Seed(OtherSku, Position(Store, onHand: 100));
    }

    public void Dispose() => _core.Dispose();

    private async Task<ReservationId> HoldAsync(Sku sku, string id, int ttlSeconds)
    {
        var result = await _core.Get<ReserveHandler>().HandleAsync(new ReserveCommand(sku.Value, 1, Pos.Value, ReservationId: id, TtlSeconds: ttlSeconds), CoreHarness.Ct);
        return result.Reservation.ShouldNotBeNull().Id;
    }

    private ReservationStatus StatusOf(Sku sku, ReservationId id) => _core.Store.ReservationOf(sku, id).ShouldNotBeNull().Status;

    [Fact]
    public async Task HandleAsync_LapsedReservations_ExpiresThemAndReturnsCount()
    {
        var lapsed1 = await HoldAsync(Sku1, "r-1", 60);
        var lapsed2 = await HoldAsync(Sku1, "r-2", 120);
        var lapsedOther = await HoldAsync(OtherSku, "r-3", 60);
        var active = await HoldAsync(Sku1, "r-4", 3600);
        _core.Time.Advance(TimeSpan.FromMinutes(2));

        var expired = await _core.Get<ExpireReservationsHandler>().HandleAsync(CoreHarness.Ct);

        expired.ShouldBe(3);
        StatusOf(Sku1, lapsed1).ShouldBe(ReservationStatus.Expired);
        StatusOf(Sku1, lapsed2).ShouldBe(ReservationStatus.Expired);
        StatusOf(OtherSku, lapsedOther).ShouldBe(ReservationStatus.Expired);
        StatusOf(Sku1, active).ShouldBe(ReservationStatus.Active);
    }

    [Fact]
    public async Task HandleAsync_OneSkuWithMoreLapsedThanOneCommit_ExpiresAllInSeveralCommits()
    {
        using var core = new CoreHarness(new Dictionary<string, string?> { ["Reservations:SweepBatchSize"] = "1000" });
        core.Store.Seed(Sku1, Position(Store, onHand: 1000));
        var reserve = core.Get<ReserveHandler>();
        for (var i = 0; i < SkuCommit.MaxItems + 2; i++)
        {
            (await reserve.HandleAsync(new ReserveCommand(Sku1.Value, 1, Pos.Value, TtlSeconds: 60), CoreHarness.Ct)).Succeeded.ShouldBeTrue();
        }
        core.Time.Advance(TimeSpan.FromSeconds(60));
        var before = core.Store.Commits;

        var expired = await core.Get<ExpireReservationsHandler>().HandleAsync(CoreHarness.Ct);

        expired.ShouldBe(SkuCommit.MaxItems + 2);
        (core.Store.Commits - before).ShouldBe(2);
        (await core.Store.FindLapsedReservationsAsync(core.Time.GetUtcNow(), 1000, CoreHarness.Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task HandleAsync_MoreLapsedThanOneBatch_ExpiresAll()
    {
        for (var i = 0; i < 5; i++)
        {
            await HoldAsync(Sku1, $"r-{i}", 60);
        }
        _core.Time.Advance(TimeSpan.FromSeconds(60));

        var expired = await _core.Get<ExpireReservationsHandler>().HandleAsync(CoreHarness.Ct);

        expired.ShouldBe(5);
        (await _core.Store.FindLapsedReservationsAsync(_core.Time.GetUtcNow(), 100, CoreHarness.Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task HandleAsync_NothingLapsed_ReturnsZeroAndCommitsNothing()
    {
        await HoldAsync(Sku1, "r-1", 600);
        var commits = _core.Store.Commits;

        var expired = await _core.Get<ExpireReservationsHandler>().HandleAsync(CoreHarness.Ct);

        expired.ShouldBe(0);
        _core.Store.Commits.ShouldBe(commits);
    }

    [Fact]
    public async Task HandleAsync_ExpiredReservation_CanThenBeReleasedButNotConfirmed()
    {
        await HoldAsync(Sku1, "r-1", 60);
        _core.Time.Advance(TimeSpan.FromSeconds(60));
        await _core.Get<ExpireReservationsHandler>().HandleAsync(CoreHarness.Ct);
        var lifecycle = _core.Get<ReservationLifecycleHandler>();

        (await lifecycle.ConfirmAsync("r-1", "O-1", CoreHarness.Ct)).Failure.ShouldBe(ReservationFailure.Expired);
        (await lifecycle.ReleaseAsync("r-1", CoreHarness.Ct)).Succeeded.ShouldBeTrue();
    }
}
