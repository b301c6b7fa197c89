using ServerlessInventory.Core.Application;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Events;
using ServerlessInventory.Core.Tests.Support;
using static ServerlessInventory.Core.Tests.Support.TestData;

namespace ServerlessInventory.Core.Tests.Application;

public sealed class ReservationLifecycleHandlerTests : IDisposable
{
    private static readonly ReservationId _id = new("r-1");
    private readonly CoreHarness _core = new();

    public ReservationLifecycleHandlerTests() => _core.Store.Seed(Sku1, Position(Store, onHand: 10));

    private ReservationLifecycleHandler Handler => _core.Get<ReservationLifecycleHandler>();

    private async Task HoldAsync(int quantity = 3, int ttlSeconds = 900) =>
        (await _core.Get<ReserveHandler>().HandleAsync(new ReserveCommand(Sku1.Value, quantity, Pos.Value, ReservationId: _id.Value, TtlSeconds: ttlSeconds), CoreHarness.Ct))
            .Succeeded.ShouldBeTrue();

    private Reservation Stored => _core.Store.ReservationOf(Sku1, _id).ShouldNotBeNull();

    public void Dispose() => _core.Dispose();

    [Fact]
    public async Task ConfirmAsync_UnknownId_IsNotFound()
    {
        var result = await Handler.ConfirmAsync("nope", "O-1", CoreHarness.Ct);

        result.Failure.ShouldBe(ReservationFailure.NotFound);
        _core.Store.CommitAttempts.ShouldBe(0);
    }

    [Fact]
    public async Task ReleaseAsync_UnknownId_IsNotFound() =>
        (await Handler.ReleaseAsync("nope", CoreHarness.Ct)).Failure.ShouldBe(ReservationFailure.NotFound);

    [Fact]
    public async Task ExtendAsync_UnknownId_IsNotFound() =>
        (await Handler.ExtendAsync("nope", 60, CoreHarness.Ct)).Failure.ShouldBe(ReservationFailure.NotFound);

    [Theory]
    [InlineData(null)]
    [InlineData("r/1")]
    public async Task ConfirmAsync_BadId_IsInvalidNamingReservationId(string? id)
    {
        var result = await Handler.ConfirmAsync(id, "O-1", CoreHarness.Ct);

        result.Failure.ShouldBe(ReservationFailure.Invalid);
        result.Field.ShouldBe("reservationId");
    }

    [Fact]
    public async Task ConfirmAsync_Active_CommitsOrderAndLedgersIt()
    {
        await HoldAsync(3);

        var result = await Handler.ConfirmAsync(_id.Value, "O-1", CoreHarness.Ct);

        result.Succeeded.ShouldBeTrue();
        Stored.Status.ShouldBe(ReservationStatus.Confirmed);
        Stored.OrderId.ShouldBe("O-1");
        _core.Store.PositionOf(Sku1, Store).ShouldNotBeNull().Committed.ShouldBe(3);
        var entry = _core.Store.LedgerOf(Sku1).ShouldHaveSingleItem();
        entry.Event.ShouldBeOfType<OrderPlaced>().OrderId.ShouldBe("O-1");
    }

    [Fact]
    public async Task ConfirmAsync_Twice_CommitsOnce()
    {
        await HoldAsync(3);
        await Handler.ConfirmAsync(_id.Value, "O-1", CoreHarness.Ct);
        var commits = _core.Store.Commits;

        var again = await Handler.ConfirmAsync(_id.Value, "O-1", CoreHarness.Ct);

        again.Succeeded.ShouldBeTrue();
        _core.Store.Commits.ShouldBe(commits);
        _core.Store.PositionOf(Sku1, Store).ShouldNotBeNull().Committed.ShouldBe(3);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("o/1")]
    public async Task ConfirmAsync_BadOrderId_IsInvalidNamingOrderId(string? orderId)
    {
        await HoldAsync(3);

        var result = await Handler.ConfirmAsync(_id.Value, orderId, CoreHarness.Ct);

        result.Failure.ShouldBe(ReservationFailure.Invalid);
        result.Field.ShouldBe("orderId");
        Stored.Status.ShouldBe(ReservationStatus.Active);
    }

    [Fact]
    public async Task ConfirmAsync_Expired_FailsExpired()
    {
        await HoldAsync(3, ttlSeconds: 60);
        _core.Time.Advance(TimeSpan.FromSeconds(61));

        var result = await Handler.ConfirmAsync(_id.Value, "O-1", CoreHarness.Ct);

        result.Failure.ShouldBe(ReservationFailure.Expired);
        _core.Store.PositionOf(Sku1, Store).ShouldNotBeNull().Committed.ShouldBe(0);
    }

    [Fact]
    public async Task ReleaseAsync_Twice_SucceedsAndReleases()
    {
        await HoldAsync(3);

        (await Handler.ReleaseAsync(_id.Value, CoreHarness.Ct)).Succeeded.ShouldBeTrue();
        (await Handler.ReleaseAsync(_id.Value, CoreHarness.Ct)).Succeeded.ShouldBeTrue();

        Stored.Status.ShouldBe(ReservationStatus.Released);
    }

    [Fact]
    public async Task ExtendAsync_Active_MovesExpiry()
    {
        await HoldAsync(3, ttlSeconds: 60);
        _core.Time.Advance(TimeSpan.FromSeconds(30));

        var result = await Handler.ExtendAsync(_id.Value, 600, CoreHarness.Ct);

        result.Succeeded.ShouldBeTrue();
        Stored.ExpiresAt.ShouldBe(Start.AddSeconds(30 + 600));
    }

    [Fact]
    public async Task ExtendAsync_NoTtl_UsesDefaultTtl()
    {
        await HoldAsync(3, ttlSeconds: 60);

        await Handler.ExtendAsync(_id.Value, null, CoreHarness.Ct);

        Stored.ExpiresAt.ShouldBe(Start.AddMinutes(15));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3601)]
    public async Task ExtendAsync_TtlOutOfRange_IsInvalidNamingTtlSeconds(int ttlSeconds)
    {
        await HoldAsync(3, ttlSeconds: 60);

        var result = await Handler.ExtendAsync(_id.Value, ttlSeconds, CoreHarness.Ct);

        result.Failure.ShouldBe(ReservationFailure.Invalid);
        result.Field.ShouldBe("ttlSeconds");
        Stored.ExpiresAt.ShouldBe(Start.AddSeconds(60));
    }

    [Fact]
    public async Task ExtendAsync_Expired_FailsExpired()
    {
        await HoldAsync(3, ttlSeconds: 60);
        _core.Time.Advance(TimeSpan.FromSeconds(60));

        (await Handler.ExtendAsync(_id.Value, 600, CoreHarness.Ct)).Failure.ShouldBe(ReservationFailure.Expired);
    }
}
