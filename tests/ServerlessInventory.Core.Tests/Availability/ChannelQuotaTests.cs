using ServerlessInventory.Core.Availability;
using ServerlessInventory.Core.Domain;
using static ServerlessInventory.Core.Tests.Support.TestData;

namespace ServerlessInventory.Core.Tests.Availability;

/// <summary>An allocation is a quota: what the channel already holds counts against its share of the pool's stock.</summary>
public class ChannelQuotaTests
{
    private static readonly ChannelId Wholesale = new("wholesale");

    private static readonly ChannelPolicy WebAt40 = new(Web, [Warehouse, Store], buffer: 1, allocation: Allocation.Percent(40));

    private static readonly ChannelPolicy WholesaleAt60 = new(Wholesale, [Warehouse], allocation: Allocation.Percent(60));

    /// <summary>50 units at the warehouse, of which each channel named holds (reserved) its units.</summary>
    private static AvailabilityView Pool(int onHand, params (ChannelId Channel, int Units)[] held) => new(
        new Dictionary<LocationId, PositionView> { [Warehouse] = new(Warehouse, onHand, 0, 0, held.Sum(h => h.Units), 0, 0) },
        held.ToDictionary(h => (h.Channel, Warehouse), h => h.Units));

    /// <summary>Grants single units to <paramref name="channel"/> while its availability allows one, as sequential checkouts would.</summary>
    private static int GrantSingles(ChannelPolicy channel, int onHand, Dictionary<ChannelId, int> held)
    {
        var granted = 0;
        while (channel.AvailableFrom(Pool(onHand, [.. held.Select(h => (h.Key, h.Value))])) > 0)
        {
            held[channel.Channel] = held.GetValueOrDefault(channel.Channel) + 1;
            granted++;
        }
        return granted;
    }

    [Fact]
    public void AvailableFrom_QuotaWithBufferOnFreshPool_IsShareLessBuffer() =>
        WebAt40.AvailableFrom(Pool(50)).ShouldBe(19);

    [Fact]
    public void AvailableFrom_SequentialSingleHolds_StopAtTheQuotaLessBuffer()
    {
        var granted = GrantSingles(WebAt40, 50, []);

        granted.ShouldBe(19);
    }

    [Fact]
    public void AvailableFrom_OwnHolds_CountAgainstTheQuota() =>
        WebAt40.AvailableFrom(Pool(50, (Web, 12))).ShouldBe(20 - 12 - 1);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AvailableFrom_TwoChannelsEitherOrder_EachTakesExactlyItsShare(bool webFirst)
    {
        var held = new Dictionary<ChannelId, int>();
        var (first, second) = webFirst ? (WebAt40, WholesaleAt60) : (WholesaleAt60, WebAt40);

        GrantSingles(first, 50, held);
        GrantSingles(second, 50, held);

        held[Web].ShouldBe(19);
        held[Wholesale].ShouldBe(30);
    }

    [Fact]
    public void AvailableFrom_OtherChannelHoldsMostOfThePool_OffersOnlyWhatIsLeft() =>
        WebAt40.AvailableFrom(Pool(50, (Pos, 45))).ShouldBe(5 - 1);

    [Fact]
    public void AvailableFrom_HoldsBeyondQuotaAfterStockShrank_OffersNothing() =>
        WholesaleAt60.AvailableFrom(Pool(20, (Wholesale, 15))).ShouldBe(0);

    [Fact]
    public void AvailableFrom_CapAllocation_CapsWhatTheChannelHoldsInTotal()
    {
        var capped = new ChannelPolicy(Web, [Warehouse], allocation: Allocation.Cap(5));

        capped.AvailableFrom(Pool(50, (Web, 3))).ShouldBe(2);
    }

    [Fact]
    public void QuotaLeft_NoAllocation_IsUnbounded() =>
        new ChannelPolicy(Web, [Warehouse]).QuotaLeft(Pool(50, (Web, 49))).ShouldBe(int.MaxValue);

    [Fact]
    public void AvailableAt_StoreWithLessThanTheQuota_OffersTheStoresOwnStockLessBuffer()
    {
        var view = new AvailabilityView(
            new Dictionary<LocationId, PositionView> { [Warehouse] = new(Warehouse, 100, 0, 0, 0, 0, 0), [Store] = new(Store, 3, 0, 0, 0, 0, 0) },
            new Dictionary<(ChannelId, LocationId), int>());

        WebAt40.AvailableAt(view, Store).ShouldBe(3 - 1);
        WebAt40.AvailableFrom(view).ShouldBe(41 - 1);
    }

    [Fact]
    public void AvailableAt_QuotaNearlyUsed_BoundsThePickup() =>
        WebAt40.AvailableAt(Pool(50, (Web, 18)), Warehouse).ShouldBe(20 - 18 - 1);

    [Fact]
    public void AvailableAt_LocationOutsideTheSet_OffersNothing() =>
        WholesaleAt60.AvailableAt(Pool(50), Store).ShouldBe(0);

    [Fact]
    public void Reservable_NoLocation_PicksTheLocationWithMostBoundedByThePooledOffer()
    {
        var view = new AvailabilityView(
            new Dictionary<LocationId, PositionView> { [Warehouse] = new(Warehouse, 4, 0, 0, 0, 0, 0), [Store] = new(Store, 6, 0, 0, 0, 0, 0) },
            new Dictionary<(ChannelId, LocationId), int>());

        WebAt40.Reservable(view, null).ShouldBe((Store, 4 - 1));
        WebAt40.Reservable(view, Warehouse).ShouldBe((Warehouse, 4 - 1));
    }
}
