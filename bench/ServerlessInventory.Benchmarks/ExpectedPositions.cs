using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Events;

namespace ServerlessInventory.Benchmarks;

/// <summary>
/// The positions a correct apply must leave, folded from each event's own changes without Core's aggregate,
/// so that a fast but wrong store cannot pass verification.
/// </summary>
internal sealed class ExpectedPositions
{
    private readonly Dictionary<(string Sku, string Location), Quantities> _positions = [];

    public IReadOnlyDictionary<(string Sku, string Location), Quantities> Positions => _positions;

    public long TotalOnHand => _positions.Values.Sum(q => q.OnHand);

    public void Add(InventoryEvent evt)
    {
        if (evt is StockCounted count)
        {
            // The workload only counts a fresh position before anything else happens to it: the count is its onHand.
            Add(evt.Sku, new PositionChange(count.Location, OnHand: count.Counted));
            return;
        }
        foreach (var change in evt.Changes)
        {
            Add(evt.Sku, change);
        }
    }

    private void Add(Sku sku, PositionChange change)
    {
        var key = (sku.Value, change.Location.Value);
        var now = _positions.GetValueOrDefault(key);
        _positions[key] = new Quantities(
            now.OnHand + change.OnHand, now.Unsellable + change.Unsellable, now.Committed + change.Committed, now.Incoming + change.Incoming);
    }
}

internal readonly record struct Quantities(long OnHand, long Unsellable, long Committed, long Incoming);
