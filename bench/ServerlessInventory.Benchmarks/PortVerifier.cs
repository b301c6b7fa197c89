using System.Collections.Concurrent;
using System.Globalization;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Benchmarks;

/// <summary>
/// Checks a run through <see cref="IInventoryStore"/> itself (no SQL), so that the same checks hold for every store:
/// each SKU's positions equal the fold of its events (<see cref="ExpectedPositions"/>), its ledger holds one entry per
/// event, its version counts its commits, and its active reservations hold what was reserved.
/// </summary>
internal static class PortVerifier
{
    private const int LedgerPage = 500;

    public static async Task<Verification> ApplyAsync(IInventoryStore store, Workload workload, Tally tally)
    {
        var failures = new ConcurrentQueue<string>();
        Expect(failures, "events applied", tally.Applied, workload.Events);
        Expect(failures, "events not applied", tally.NotApplied, 0);
        var events = workload.Batches.SelectMany(b => b).GroupBy(e => e.Sku).ToDictionary(g => g.Key, g => g.Count());
        var expected = workload.Expected.Positions.GroupBy(p => p.Key.Sku).ToDictionary(g => g.Key, g => g.ToDictionary(p => p.Key.Location, p => p.Value));
        long versions = 0, ledger = 0;
        await Parallel.ForEachAsync(events, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (sku, ct) =>
        {
            var snapshot = await store.LoadAsync(sku.Key, SnapshotRequest.None, ct);
            Interlocked.Add(ref versions, snapshot.Version);
            var stored = snapshot.Positions.ToDictionary(p => p.Location.Value, p => new Quantities(p.OnHand, p.Unsellable, p.Committed, p.Incoming));
            var want = expected.GetValueOrDefault(sku.Key.Value) ?? [];
            if (stored.Count != want.Count || want.Any(w => !stored.TryGetValue(w.Key, out var got) || got != w.Value))
            {
                failures.Enqueue($"{sku.Key}: positions {string.Join(", ", stored)}, expected {string.Join(", ", want)}");
            }
            var entries = await CountLedgerAsync(store, sku.Key, ct);
            Interlocked.Add(ref ledger, entries);
            Expect(failures, $"{sku.Key} ledger entries", entries, sku.Value);
        });
        Expect(failures, "sum of SKU versions", versions, tally.Commits);
        Expect(failures, "ledger entries", ledger, workload.Events);
        return failures.IsEmpty
            ? new Verification(true, string.Create(CultureInfo.InvariantCulture,
                $"{events.Count:N0} SKUs loaded: positions as folded, ledger {ledger:N0} entries, versions sum to {versions:N0} commits"))
            : new Verification(false, $"{failures.Count} problems, first: {string.Join("; ", failures.Take(3))}");
    }

    public static async Task<Verification> ReservedAsync(IInventoryStore store, IReadOnlyDictionary<Sku, int> reserved)
    {
        var wrong = new ConcurrentQueue<string>();
        await Parallel.ForEachAsync(reserved, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (held, ct) =>
        {
            var snapshot = await store.LoadAsync(held.Key, SnapshotRequest.None, ct);
            var active = snapshot.Reservations.Where(r => r.Status == ReservationStatus.Active).Sum(r => r.Quantity);
            if (active != held.Value)
            {
                wrong.Enqueue($"{held.Key}: {active} reserved, expected {held.Value}");
            }
        });
        return wrong.IsEmpty
            ? new Verification(true, string.Create(CultureInfo.InvariantCulture, $"{reserved.Count:N0} SKUs hold {reserved.Values.Sum():N0} units in active reservations, as made"))
            : new Verification(false, $"{wrong.Count} SKUs wrong, first: {string.Join("; ", wrong.Take(3))}");
    }

    private static async Task<long> CountLedgerAsync(IInventoryStore store, Sku sku, CancellationToken cancellationToken)
    {
        long count = 0;
        string? continuation = null;
        do
        {
            var page = await store.ReadLedgerAsync(sku, LedgerPage, continuation, cancellationToken);
            count += page.Entries.Count;
            continuation = page.Continuation;
        }
        while (continuation is not null);
        return count;
    }

    private static void Expect(ConcurrentQueue<string> failures, string what, long actual, long expected)
    {
        if (actual != expected)
        {
            failures.Enqueue(string.Create(CultureInfo.InvariantCulture, $"{what}: {actual:N0}, expected {expected:N0}"));
        }
    }
}
