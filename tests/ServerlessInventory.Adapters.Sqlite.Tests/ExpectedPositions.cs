using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Events;

namespace ServerlessInventory.Adapters.Sqlite.Tests;

/// <summary>
/// The positions a set of events must produce, computed from the rules of the spec alone and in no
/// particular order: onHand is the latest count plus every onHand change after it (or, with no count,
/// the sum of all changes); the other quantities are plain sums. Written apart from the aggregate on
/// purpose, so that the two can disagree.
/// </summary>
public static class ExpectedPositions
{
    public static (int OnHand, int Unsellable, int Committed, int Incoming) At(IEnumerable<InventoryEvent> events, Sku sku, LocationId location)
    {
        var mine = events.Where(e => e.Sku == sku).ToList();
        var latestCount = mine.OfType<StockCounted>().Where(c => c.Location == location).MaxBy(c => c.CountedAt);
        var onHand = latestCount?.Counted ?? 0;
        int unsellable = 0, committed = 0, incoming = 0;
        foreach (var e in mine)
        {
            var countsAfter = latestCount is null || e.Time > latestCount.CountedAt;
            switch (e)
            {
                case SaleRecorded s when s.Location == location && countsAfter: onHand -= s.Quantity; break;
                case ReturnRecorded r when r.Location == location:
                    onHand += countsAfter ? r.Quantity : 0;
                    unsellable += r.Condition == ReturnCondition.Damaged ? r.Quantity : 0;
                    break;
                case StockReceived r when r.Location == location && countsAfter: onHand += r.Quantity; break;
                case StockAdjusted a when a.Location == location && countsAfter: onHand += a.Delta; break;
                case StockDamaged d when d.Location == location: unsellable += d.Quantity; break;
                case TransferShipped t when t.FromLocation == location && countsAfter: onHand -= t.Quantity; break;
                case TransferShipped t when t.ToLocation == location: incoming += t.Quantity; break;
                case TransferReceived t when t.ToLocation == location:
                    onHand += countsAfter ? t.Quantity : 0;
                    incoming -= t.Quantity;
                    break;
                case OrderPlaced o when o.Location == location: committed += o.Quantity; break;
                case OrderCancelled o when o.Location == location: committed -= o.Quantity; break;
                case OrderFulfilled o when o.Location == location:
                    onHand -= countsAfter ? o.Quantity : 0;
                    committed -= o.Quantity;
                    break;
            }
        }
        return (onHand, unsellable, committed, incoming);
    }
}
