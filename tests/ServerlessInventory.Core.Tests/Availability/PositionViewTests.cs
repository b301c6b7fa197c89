using ServerlessInventory.Core.Domain;
using static ServerlessInventory.Core.Tests.Support.TestData;

namespace ServerlessInventory.Core.Tests.Availability;

public class PositionViewTests
{
    [Theory]
    [InlineData(10, 1, 2, 3, 1, 3)]
    [InlineData(10, 0, 0, 0, 0, 10)]
    [InlineData(5, 0, 5, 0, 0, 0)]
    public void AvailableToSell_IsOnHandLessEverythingHeld(int onHand, int unsellable, int committed, int reserved, int safetyStock, int expected) =>
        new PositionView(Store, onHand, unsellable, committed, reserved, safetyStock, 0).AvailableToSell.ShouldBe(expected);

    [Fact]
    public void AvailableToSell_Oversold_FloorsAtZeroWhileUnclampedStaysNegative()
    {
        var view = new PositionView(Store, 2, 1, 4, 0, 0, 0);

        view.AvailableToSell.ShouldBe(0);
        view.UnclampedAvailable.ShouldBe(-3);
    }

    [Fact]
    public void AvailableToSell_NegativeOnHand_FloorsAtZero() =>
        new PositionView(Store, -4, 0, 0, 0, 0, 0).AvailableToSell.ShouldBe(0);

    [Fact]
    public void AvailableToSell_Incoming_IsNotSellable() =>
        new PositionView(Store, 1, 0, 0, 0, 0, 50).AvailableToSell.ShouldBe(1);

    [Fact]
    public void PositionState_Plus_AddsEverySignedQuantity()
    {
        var before = Position(Store, onHand: 5, unsellable: 1, committed: 2, incoming: 3, lastCountedAt: Start);

        var after = before.Plus(new Events.PositionChange(Store, OnHand: -2, Unsellable: 1, Committed: -1, Incoming: 4));

        after.ShouldBe(Position(Store, onHand: 3, unsellable: 2, committed: 1, incoming: 7, lastCountedAt: Start));
    }

    [Fact]
    public void PositionChange_IsEmpty_OnlyWhenAllZero()
    {
        new Events.PositionChange(Store).IsEmpty.ShouldBeTrue();
        new Events.PositionChange(Store, Incoming: 1).IsEmpty.ShouldBeFalse();
    }
}
