using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Events;
using static ServerlessInventory.Core.Tests.Support.TestData;

namespace ServerlessInventory.Core.Tests.Domain;

public class InventoryEventValidationTests
{
    private static readonly ChannelId _source = new("wms");
    private static readonly EventId _id = new("e-1");

    private static string FieldOf(Func<object> construct) => Should.Throw<DomainValidationException>(construct).Field;

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Constructors_NonPositiveQuantity_ThrowNamingQuantity(int quantity)
    {
        FieldOf(() => new SaleRecorded(_id, _source, Start, Sku1, Store, quantity)).ShouldBe("quantity");
        FieldOf(() => new ReturnRecorded(_id, _source, Start, Sku1, Store, quantity, ReturnCondition.Sellable)).ShouldBe("quantity");
        FieldOf(() => new StockReceived(_id, _source, Start, Sku1, Store, quantity)).ShouldBe("quantity");
        FieldOf(() => new StockDamaged(_id, _source, Start, Sku1, Store, quantity)).ShouldBe("quantity");
        FieldOf(() => new TransferShipped(_id, _source, Start, "T-1", Sku1, Store, Warehouse, quantity)).ShouldBe("quantity");
        FieldOf(() => new TransferReceived(_id, _source, Start, "T-1", Sku1, Warehouse, quantity)).ShouldBe("quantity");
        FieldOf(() => new OrderPlaced(_id, _source, Start, "O-1", Sku1, Store, quantity)).ShouldBe("quantity");
        FieldOf(() => new OrderCancelled(_id, _source, Start, "O-1", Sku1, Store, quantity)).ShouldBe("quantity");
        FieldOf(() => new OrderFulfilled(_id, _source, Start, "O-1", Sku1, Store, quantity)).ShouldBe("quantity");
    }

    [Fact]
    public void StockAdjusted_ZeroDelta_ThrowsNamingDelta() =>
        FieldOf(() => new StockAdjusted(_id, _source, Start, Sku1, Store, 0, "shrink")).ShouldBe("delta");

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void StockAdjusted_MissingReason_ThrowsNamingReason(string? reason) =>
        FieldOf(() => new StockAdjusted(_id, _source, Start, Sku1, Store, -2, reason!)).ShouldBe("reason");

    [Fact]
    public void StockAdjusted_NegativeDelta_IsAccepted() =>
        new StockAdjusted(_id, _source, Start, Sku1, Store, -2, "shrink").Delta.ShouldBe(-2);

    [Fact]
    public void TransferShipped_SameFromAndTo_ThrowsNamingToLocation() =>
        FieldOf(() => new TransferShipped(_id, _source, Start, "T-1", Sku1, Store, Store, 1)).ShouldBe("toLocation");

    [Theory]
    [InlineData("")]
    [InlineData("t/1")]
    public void Transfers_BadTransferId_ThrowNamingTransferId(string transferId)
    {
        FieldOf(() => new TransferShipped(_id, _source, Start, transferId, Sku1, Store, Warehouse, 1)).ShouldBe("transferId");
        FieldOf(() => new TransferReceived(_id, _source, Start, transferId, Sku1, Warehouse, 1)).ShouldBe("transferId");
    }

    [Theory]
    [InlineData("")]
    [InlineData("o#1")]
    public void Orders_BadOrderId_ThrowNamingOrderId(string orderId)
    {
        FieldOf(() => new OrderPlaced(_id, _source, Start, orderId, Sku1, Store, 1)).ShouldBe("orderId");
        FieldOf(() => new OrderCancelled(_id, _source, Start, orderId, Sku1, Store, 1)).ShouldBe("orderId");
        FieldOf(() => new OrderFulfilled(_id, _source, Start, orderId, Sku1, Store, 1)).ShouldBe("orderId");
    }

    [Fact]
    public void StockCounted_NegativeCount_ThrowsNamingCounted() =>
        FieldOf(() => new StockCounted(_id, _source, Start, Sku1, Store, -1, Start)).ShouldBe("counted");

    [Fact]
    public void StockCounted_ZeroCount_IsAccepted() =>
        new StockCounted(_id, _source, Start, Sku1, Store, 0, Start).Counted.ShouldBe(0);

    [Fact]
    public void StockCounted_MissingCountedAt_ThrowsNamingCountedAt() =>
        FieldOf(() => new StockCounted(_id, _source, Start, Sku1, Store, 3, default)).ShouldBe("countedAt");

    [Fact]
    public void LevelReported_NegativeQuantity_ThrowsAndZeroIsAccepted()
    {
        FieldOf(() => new LevelReported(_id, _source, Start, Sku1, Store, Web, -1)).ShouldBe("quantity");
        new LevelReported(_id, _source, Start, Sku1, Store, Web, 0).Quantity.ShouldBe(0);
    }

    [Fact]
    public void ReturnRecorded_UndefinedCondition_ThrowsNamingCondition() =>
        FieldOf(() => new ReturnRecorded(_id, _source, Start, Sku1, Store, 1, (ReturnCondition)7)).ShouldBe("condition");

    [Fact]
    public void InventoryEvent_MissingTime_ThrowsNamingTime() =>
        FieldOf(() => new SaleRecorded(_id, _source, default, Sku1, Store, 1)).ShouldBe("time");

    [Fact]
    public void InventoryEvent_Envelope_KeepsIdSourceTimeTypeAndSku()
    {
        var sale = new SaleRecorded(_id, _source, Start, Sku1, Store, 2);

        sale.Id.ShouldBe(_id);
        sale.Source.ShouldBe(_source);
        sale.Time.ShouldBe(Start);
        sale.Type.ShouldBe("inventory.sale.recorded");
        sale.Sku.ShouldBe(Sku1);
        sale.IsPromise.ShouldBeFalse();
    }

    [Fact]
    public void OrderPlaced_IsThePromiseAndFactsAreNot()
    {
        Placed(1).IsPromise.ShouldBeTrue();
        Cancelled(1).IsPromise.ShouldBeFalse();
        Fulfilled(1).IsPromise.ShouldBeFalse();
        Counted(1, Start).IsPromise.ShouldBeFalse();
    }

    [Fact]
    public void TypeNames_AreTheTwelveOfTheContract()
    {
        string[] types =
        [
            Sale(1).Type, Return(1, ReturnCondition.Sellable).Type, Received(1).Type, Adjusted(1).Type,
            Counted(1, Start).Type, Damaged(1).Type, Shipped(1, Store, Warehouse).Type, TransferIn(1, Warehouse).Type,
            Placed(1).Type, Cancelled(1).Type, Fulfilled(1).Type, Level(1).Type,
        ];

        types.ShouldBe(
        [
            "inventory.sale.recorded", "inventory.return.recorded", "inventory.stock.received", "inventory.stock.adjusted",
            "inventory.stock.counted", "inventory.stock.damaged", "inventory.transfer.shipped", "inventory.transfer.received",
            "inventory.order.placed", "inventory.order.cancelled", "inventory.order.fulfilled", "inventory.level.reported",
        ]);
    }

    [Fact]
    public void ReservationRequest_NonPositiveQuantity_ThrowsNamingQuantity() =>
        FieldOf(() => new ReservationRequest(ReservationId.New(), Sku1, Web, 0, null, TimeSpan.FromMinutes(1))).ShouldBe("quantity");

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void ReservationRequest_NonPositiveTtl_ThrowsNamingTtlSeconds(int seconds) =>
        FieldOf(() => new ReservationRequest(ReservationId.New(), Sku1, Web, 1, null, TimeSpan.FromSeconds(seconds))).ShouldBe("ttlSeconds");

    [Fact]
    public void Reservation_NonPositiveQuantity_ThrowsNamingQuantity() =>
        FieldOf(() => new Reservation(ReservationId.New(), Sku1, Store, Web, 0, Start, Start.AddMinutes(1))).ShouldBe("quantity");
}
