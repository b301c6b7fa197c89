using ServerlessInventory.Core.Availability;
using ServerlessInventory.Core.Domain;
using static ServerlessInventory.Core.Tests.Support.TestData;

namespace ServerlessInventory.Core.Tests.Availability;

public class ChannelPolicyTests
{
    private static PositionView View(LocationId location, int onHand, int committed = 0, int reserved = 0, int safetyStock = 0) =>
        new(location, onHand, 0, committed, reserved, safetyStock, 0);

    private static AvailabilityView Positions(params PositionView[] views) => Holding([], views);

    /// <summary>Positions whose reserved and committed units are held by the channels named, at each location.</summary>
    private static AvailabilityView Holding(IEnumerable<(ChannelId Channel, LocationId Location, int Units)> held, params PositionView[] views) =>
        new(views.ToDictionary(v => v.Location), held.ToDictionary(h => (h.Channel, h.Location), h => h.Units));

    [Fact]
    public void AvailableFrom_NoAllocation_PoolsLocationsInSet()
    {
        var policy = new ChannelPolicy(Web, [Store, Warehouse]);

        policy.AvailableFrom(Positions(View(Store, 4), View(Warehouse, 3))).ShouldBe(7);
    }

    [Fact]
    public void AvailableFrom_LocationsOutsideSet_AreIgnored()
    {
        var policy = new ChannelPolicy(Pos, [Store]);

        policy.AvailableFrom(Positions(View(Store, 4), View(Warehouse, 30), View(Outlet, 9))).ShouldBe(4);
    }

    [Fact]
    public void AvailableFrom_LocationWithoutPosition_AddsNothing()
    {
        var policy = new ChannelPolicy(Web, [Store, Warehouse]);

        policy.AvailableFrom(Positions(View(Warehouse, 3))).ShouldBe(3);
        policy.AvailableFrom(Positions()).ShouldBe(0);
    }

    [Fact]
    public void AvailableFrom_Buffer_IsSubtracted()
    {
        var policy = new ChannelPolicy(Web, [Store], buffer: 2);

        policy.AvailableFrom(Positions(View(Store, 9))).ShouldBe(7);
    }

    [Fact]
    public void AvailableFrom_BufferAbovePool_NeverBelowZero()
    {
        var policy = new ChannelPolicy(Web, [Store], buffer: 5);

        policy.AvailableFrom(Positions(View(Store, 3))).ShouldBe(0);
    }

    [Fact]
    public void AvailableFrom_SharedPoolByPercent_FloorsEachShare()
    {
        var wholesale = new ChannelPolicy(new ChannelId("wholesale"), [Warehouse], allocation: Allocation.Percent(60));
        var retail = new ChannelPolicy(Web, [Warehouse], allocation: Allocation.Percent(40));
        var pool = Positions(View(Warehouse, 7));

        var wholesaleShare = wholesale.AvailableFrom(pool);
        var retailShare = retail.AvailableFrom(pool);

        wholesaleShare.ShouldBe(4);
        retailShare.ShouldBe(2);
        (wholesaleShare + retailShare).ShouldBeLessThanOrEqualTo(7);
    }

    [Fact]
    public void AvailableFrom_PercentThenBuffer_AppliesBufferToShare()
    {
        var policy = new ChannelPolicy(Web, [Store], buffer: 1, allocation: Allocation.Percent(50));

        policy.AvailableFrom(Positions(View(Store, 9))).ShouldBe(4 - 1);
    }

    [Theory]
    [InlineData(3, 10, 3)]
    [InlineData(30, 10, 10)]
    [InlineData(0, 10, 0)]
    public void AvailableFrom_Cap_OffersAtMostCap(int cap, int onHand, int expected)
    {
        var policy = new ChannelPolicy(Web, [Store], allocation: Allocation.Cap(cap));

        policy.AvailableFrom(Positions(View(Store, onHand))).ShouldBe(expected);
    }

    [Fact]
    public void AvailableFrom_OversoldPosition_ContributesZeroNotNegative()
    {
        var policy = new ChannelPolicy(Web, [Store, Warehouse]);

        policy.AvailableFrom(Positions(View(Store, 2, committed: 5), View(Warehouse, 4))).ShouldBe(4);
    }

    [Fact]
    public void AvailableFrom_ReservedAndSafetyStock_AreNotOffered()
    {
        var policy = new ChannelPolicy(Web, [Store]);

        policy.AvailableFrom(Positions(View(Store, 10, committed: 1, reserved: 2, safetyStock: 3))).ShouldBe(4);
    }

    [Fact]
    public void ChannelPolicy_DuplicateLocations_AreCountedOnce()
    {
        var policy = new ChannelPolicy(Web, [Store, Store]);

        policy.Locations.ShouldBe([Store]);
        policy.AvailableFrom(Positions(View(Store, 5))).ShouldBe(5);
    }

    [Fact]
    public void ChannelPolicy_NoLocations_ThrowsNamingLocations() =>
        Should.Throw<DomainValidationException>(() => new ChannelPolicy(Web, [])).Field.ShouldBe("locations");

    [Fact]
    public void ChannelPolicy_NegativeBuffer_ThrowsNamingBuffer() =>
        Should.Throw<DomainValidationException>(() => new ChannelPolicy(Web, [Store], buffer: -1)).Field.ShouldBe("buffer");

    [Fact]
    public void SellsFrom_OnlyLocationsInSet()
    {
        var policy = new ChannelPolicy(Pos, [Store]);

        policy.SellsFrom(Store).ShouldBeTrue();
        policy.SellsFrom(Warehouse).ShouldBeFalse();
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public void AllocationPercent_OutOfRange_Throws(int percent) =>
        Should.Throw<DomainValidationException>(() => Allocation.Percent(percent)).Field.ShouldBe("allocation.value");

    [Fact]
    public void AllocationCap_Negative_ThrowsNamingAllocationValue() =>
        Should.Throw<DomainValidationException>(() => Allocation.Cap(-1)).Field.ShouldBe("allocation.value");

    [Theory]
    [InlineData(0, 7, 0)]
    [InlineData(100, 7, 7)]
    [InlineData(33, 10, 3)]
    [InlineData(50, 0, 0)]
    public void AllocationShareOf_Percent_IsFloored(int percent, int pool, int expected) =>
        Allocation.Percent(percent).ShareOf(pool).ShouldBe(expected);

    [Fact]
    public void AllocationShareOf_LargePool_DoesNotOverflow() =>
        Allocation.Percent(60).ShareOf(int.MaxValue).ShouldBe((int)(int.MaxValue * 60L / 100));

    [Fact]
    public void AllocationWhole_OffersEntirePool() => Allocation.Whole.ShareOf(12).ShouldBe(12);
}
