using FsCheck;
using FsCheck.Fluent;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Events;

namespace ServerlessInventory.Adapters.Sqlite.Tests;

/// <summary>
/// A random history for the property tests: events of two SKUs over three locations, each delivered one to
/// three times, in shuffled batches. Counts get distinct moments so that "the latest count" is unambiguous.
/// </summary>
public sealed record EventScenario(IReadOnlyList<InventoryEvent> Events, IReadOnlyList<IReadOnlyList<InventoryEvent>> Deliveries)
{
    public static readonly string[] Locations = ["dc-1", "store-1", "store-2"];

    private static readonly DateTimeOffset _start = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);

    public static Gen<EventScenario> Generator(string run) =>
        from count in Gen.Choose(1, 80)
        from specs in Gen.ListOf(SpecGen, count)
        from copies in Gen.ArrayOf(Gen.Choose(1, 3), specs.Count)
        from order in Gen.Shuffle(Enumerable.Range(0, specs.Sum(_ => 3)).ToArray())
        from batchSizes in Gen.ArrayOf(Gen.Choose(1, 8), specs.Count * 3)
        select Build(run, specs, copies, order, batchSizes);

    private static Gen<EventSpec> SpecGen =>
        from kind in Gen.Choose(0, 11)
        from sku in Gen.Choose(0, 1)
        from location in Gen.Choose(0, 2)
        from other in Gen.Choose(1, 2)
        from quantity in Gen.Choose(1, 9)
        from minute in Gen.Choose(0, 120)
        from damaged in Gen.Elements(true, false)
        select new EventSpec(kind, sku, location, (location + other) % 3, quantity, minute, damaged);

    private static EventScenario Build(string run, IReadOnlyList<EventSpec> specs, int[] copies, int[] order, int[] batchSizes)
    {
        var events = specs.Select((spec, index) => spec.ToEvent(run, index)).ToList();
        var deliveries = events.SelectMany((e, i) => Enumerable.Repeat(e, copies[i])).ToList();
        var shuffled = order.Where(i => i < deliveries.Count).Select(i => deliveries[i]).ToList();
        var batches = new List<IReadOnlyList<InventoryEvent>>();
        var sizeIndex = 0;
        foreach (var group in shuffled.GroupBy(e => e.Sku))
        {
            var pending = group.ToList();
            while (pending.Count > 0)
            {
                var take = Math.Min(batchSizes[sizeIndex++ % batchSizes.Length], pending.Count);
                batches.Add(pending.GetRange(0, take));
                pending.RemoveRange(0, take);
            }
        }
        return new EventScenario(events, batches);
    }

    public override string ToString() => $"{Events.Count} events in {Deliveries.Count} deliveries: {string.Join(", ", Events.Select(e => e.Type[10..]))}";

    private sealed record EventSpec(int Kind, int SkuIndex, int Location, int OtherLocation, int Quantity, int Minute, bool Damaged)
    {
        public InventoryEvent ToEvent(string run, int index)
        {
            var id = new EventId($"{run}-e{index}");
            var source = new ChannelId("pos");
            // Distinct seconds per event keep count moments unique without changing their order in minutes.
            var time = _start.AddMinutes(Minute).AddSeconds(index % 60).AddMilliseconds(index);
            var sku = new Sku($"{run}-sku{SkuIndex}");
            var at = new LocationId(Locations[Location]);
            var to = new LocationId(Locations[OtherLocation]);
            return Kind switch
            {
                0 => new SaleRecorded(id, source, time, sku, at, Quantity),
                1 => new ReturnRecorded(id, source, time, sku, at, Quantity, Damaged ? ReturnCondition.Damaged : ReturnCondition.Sellable),
                2 => new StockReceived(id, source, time, sku, at, Quantity),
                3 => new StockAdjusted(id, source, time, sku, at, Damaged ? -Quantity : Quantity, "cycle correction"),
                4 => new StockCounted(id, source, time, sku, at, Quantity * 3, time),
                5 => new StockDamaged(id, source, time, sku, at, Quantity),
                6 => new TransferShipped(id, source, time, $"t{index}", sku, at, to, Quantity),
                7 => new TransferReceived(id, source, time, $"t{index}", sku, at, Quantity),
                8 => new OrderPlaced(id, source, time, $"o{index}", sku, at, Quantity),
                9 => new OrderCancelled(id, source, time, $"o{index}", sku, at, Quantity),
                10 => new OrderFulfilled(id, source, time, $"o{index}", sku, at, Quantity),
                _ => new LevelReported(id, source, time, sku, at, new ChannelId("web"), Quantity),
            };
        }
    }
}
