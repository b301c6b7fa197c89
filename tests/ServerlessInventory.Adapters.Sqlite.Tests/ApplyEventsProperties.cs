using FsCheck;
using FsCheck.Fluent;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Testing;
using Shouldly;
using Xunit;

namespace ServerlessInventory.Adapters.Sqlite.Tests;

/// <summary>
/// Random histories with duplicates and redeliveries, applied by four concurrent workers through Core and
/// a real SQLite file. Whatever the interleaving, each event applies once and the master equals the spec.
/// </summary>
public sealed class ApplyEventsProperties
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public void ApplyEvents_RandomHistoriesByConcurrentWorkers_MatchTheSpecAndReplay()
    {
        // Every case gets its own database file, so cases never see each other's SKUs.
        var property = Prop.ForAll(
            EventScenario.Generator("case").ToArbitrary(),
            scenario => CheckScenario(scenario).GetAwaiter().GetResult());
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(40), property);
    }

    private static async Task CheckScenario(EventScenario scenario)
    {
        using var file = new TempDatabase();
        using var database = file.Open();
        var store = new SqliteInventoryStore(database);
        using var core = new CoreHarness(store);

        await Parallel.ForEachAsync(scenario.Deliveries, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = Cancellation },
            async (batch, ct) => await core.Apply.HandleAsync(batch, ct));

        foreach (var sku in scenario.Events.Select(e => e.Sku).Distinct())
        {
            var ledger = await ReadWholeLedger(store, sku);
            var expectedIds = scenario.Events.Where(e => e.Sku == sku).Select(e => e.Id).ToList();
            ledger.Select(e => e.EventId).ShouldBe(expectedIds, ignoreOrder: true, "each event id applied exactly once");

            var stored = (await store.LoadAsync(sku, SnapshotRequest.None, Cancellation)).Positions.ToDictionary(p => p.Location);
            foreach (var location in EventScenario.Locations.Select(l => new LocationId(l)))
            {
                var expected = ExpectedPositions.At(scenario.Events, sku, location);
                var actual = stored.TryGetValue(location, out var p) ? (p.OnHand, p.Unsellable, p.Committed, p.Incoming) : (0, 0, 0, 0);
                actual.ShouldBe(expected, $"{sku} at {location}");
            }

            var replayed = LedgerReplay.Rebuild(ledger);
            replayed.Values.OrderBy(p => p.Location.Value).ShouldBe(stored.Values.OrderBy(p => p.Location.Value), "replaying the ledger rebuilds the positions");
            await RestoreIntoEmptyStoreMatches(sku, ledger, stored.Values);
        }
    }

    private static async Task RestoreIntoEmptyStoreMatches(Sku sku, IReadOnlyList<LedgerEntry> ledger, IEnumerable<PositionState> original)
    {
        using var file = new TempDatabase();
        using var database = file.Open();
        var empty = new SqliteInventoryStore(database);

        (await empty.CommitAsync(LedgerReplay.RestoreCommit(sku, ledger), Cancellation)).ShouldBeOfType<CommitResult.Committed>();

        var restored = await empty.LoadAsync(sku, SnapshotRequest.None, Cancellation);
        restored.Positions.OrderBy(p => p.Location.Value).ShouldBe(original.OrderBy(p => p.Location.Value), "restoring the ledger into an empty store");
    }

    private static async Task<IReadOnlyList<LedgerEntry>> ReadWholeLedger(SqliteInventoryStore store, Sku sku)
    {
        var newestFirst = new List<LedgerEntry>();
        string? continuation = null;
        do
        {
            var page = await store.ReadLedgerAsync(sku, 100, continuation, Cancellation);
            newestFirst.AddRange(page.Entries);
            continuation = page.Continuation;
        }
        while (continuation is not null);
        newestFirst.Reverse();
        return newestFirst;
    }
}
