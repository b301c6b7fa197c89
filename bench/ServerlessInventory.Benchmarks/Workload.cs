using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Events;

namespace ServerlessInventory.Benchmarks;

/// <summary>
/// A backlog as Service Bus sessions deliver it: each batch is consecutive messages of one session (SKU),
/// at most <see cref="MaxBatchSize"/>. Built before the clock starts so that only applying is measured.
/// </summary>
internal sealed class Workload
{
    /// <summary>The most messages one session receive hands to the function, as host.json configures the topic trigger.</summary>
    public const int MaxBatchSize = SkuCommit.MaxEvents;

    /// <summary>Events of one cycle of <see cref="EventCycle"/>: every SKU's day in ten events.</summary>
    public const int CycleLength = 10;

    private Workload(string name, IReadOnlyList<InventoryEvent[]> batches, int skus)
    {
        Name = name;
        Batches = batches;
        Skus = skus;
        Events = batches.Sum(b => b.Length);
        Expected = new ExpectedPositions();
        foreach (var evt in batches.SelectMany(b => b))
        {
            Expected.Add(evt);
        }
    }

    public string Name { get; }

    public IReadOnlyList<InventoryEvent[]> Batches { get; }

    public int Skus { get; }

    public int Events { get; }

    public int BatchSize => Batches.Max(b => b.Length);

    /// <summary>What the store must hold afterwards, folded from the events independently of Core.</summary>
    public ExpectedPositions Expected { get; }

    /// <summary>(a) events / 10 SKUs of one cycle each: each SKU's events are one batch of 10.</summary>
    public static Workload Spread(int events, string skuPrefix = "sku")
    {
        var skus = Math.Max(1, events / CycleLength);
        var batches = new InventoryEvent[skus][];
        for (var s = 0; s < skus; s++)
        {
            var sku = new Sku($"{skuPrefix}-{s:D6}");
            // One SKU in ten opens with a cycle count instead of a receipt, so the count path (ledger read) is exercised too.
            var opening = s % 10 == 0 ? EventCycle.Opening.Count : EventCycle.Opening.Receipt;
            batches[s] = [.. Enumerable.Range(0, CycleLength).Select(i => EventCycle.Event(sku, s, i, opening))];
        }
        return new Workload($"(a) {skus:N0} SKUs x {CycleLength}", batches, skus);
    }

    /// <summary>(b) every event on one SKU, in session order, cut into batches of <see cref="MaxBatchSize"/>.</summary>
    public static Workload Hot(int events, string skuPrefix = "sku")
    {
        var sku = new Sku($"{skuPrefix}-hot");
        // No counts here: concurrent appliers may commit batches out of order, and only a count's effect depends on order.
        var all = Enumerable.Range(0, events)
            .Select(n => EventCycle.Event(sku, n / CycleLength, n % CycleLength, EventCycle.Opening.Receipt));
        return new Workload("(b) 1 hot SKU", [.. all.Chunk(MaxBatchSize)], 1);
    }
}
