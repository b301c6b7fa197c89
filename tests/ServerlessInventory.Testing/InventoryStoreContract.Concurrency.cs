using ServerlessInventory.Core.Application;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Events;
using Shouldly;
using Xunit;
using static ServerlessInventory.Testing.EventFactory;

namespace ServerlessInventory.Testing;

public abstract partial class InventoryStoreContract
{
    [Fact]
    public async Task Commit_ManyWritersAtTheSameVersion_ExactlyOneWins()
    {
        var sku = NewSku();
        var commits = await Task.WhenAll(Enumerable.Range(0, 12).Select(async i =>
            await Commit(sku, 0, [Entry(Received(sku, "dc-1", i + 1), 1)], [Position("dc-1", i + 1)], [])));

        var results = await Task.WhenAll(commits.Select(c => Task.Run(() => Store.CommitAsync(c, Cancellation), Cancellation)));

        results.Count(r => r is CommitResult.Committed).ShouldBe(1);
        results.Count(r => r is CommitResult.VersionConflict).ShouldBe(11);
        var snapshot = await Store.LoadAsync(sku, SnapshotRequest.None, Cancellation);
        snapshot.Version.ShouldBe(1);
    }

    [Fact]
    public async Task Commit_ConcurrentCommitsOfDifferentSkus_EachGetsItsOwnAnswerAndRefusedOnesWriteNothing()
    {
        var skus = Enumerable.Range(0, 10).Select(_ => NewSku()).ToList();
        var (stale, duplicated) = (skus[3], skus[6]);
        var applied = Received(duplicated, "dc-1", 4);
        await CommitOk(stale, 0, [Entry(Received(stale, "dc-1", 5), 1)], [Position("dc-1", 5)]);
        await CommitOk(duplicated, 0, [Entry(applied, 1)], [Position("dc-1", 4)]);
        var sent = skus.ToDictionary(s => s, s => s == duplicated ? applied : Received(s, "dc-1", 7));
        var commits = await Task.WhenAll(skus.Select(async s =>
            await Commit(s, s == duplicated ? 1 : 0, [Entry(sent[s], s == duplicated ? 2 : 1)], [Position("dc-1", 7)], [])));

        var results = await Task.WhenAll(commits.Select(c => Task.Run(() => Store.CommitAsync(c, Cancellation), Cancellation)));

        for (var i = 0; i < skus.Count; i++)
        {
            var sku = skus[i];
            var snapshot = await Store.LoadAsync(sku, new SnapshotRequest([sent[sku].Key], []), Cancellation);
            if (sku == stale)
            {
                results[i].ShouldBeOfType<CommitResult.VersionConflict>();
                (snapshot.Version, snapshot.Positions.Single().OnHand, snapshot.AppliedEvents.Count).ShouldBe((1L, 5, 0));
            }
            else if (sku == duplicated)
            {
                results[i].ShouldBeOfType<CommitResult.DuplicateEvents>().Events.ShouldBe([applied.Key]);
                (snapshot.Version, snapshot.Positions.Single().OnHand).ShouldBe((1L, 4));
            }
            else
            {
                results[i].ShouldBe(new CommitResult.Committed(1));
                (snapshot.Version, snapshot.Positions.Single().OnHand, snapshot.AppliedEvents.Count).ShouldBe((1L, 7, 1));
            }
        }
    }

    [Fact]
    public async Task ApplyEvents_ConcurrentWorkersWithRedeliveries_ApplyEachEventOnce()
    {
        var sku = NewSku();
        using var core = new CoreHarness(Store);
        var events = Enumerable.Range(0, 60).Select(i => (InventoryEvent)Received(sku, i % 2 == 0 ? "dc-1" : "store-1", (i % 5) + 1)).ToList();
        // Every event is delivered twice, in batches that overlap, by four workers at once.
        var deliveries = events.Chunk(6).Concat(events.Skip(3).Chunk(6)).ToList();

        await Parallel.ForEachAsync(deliveries, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = Cancellation },
            async (batch, ct) => await core.Apply.HandleAsync(batch, ct));

        var report = await core.Inventory.HandleAsync(sku, Cancellation);
        report.Locations.Sum(l => l.OnHand).ShouldBe(events.Cast<StockReceived>().Sum(e => e.Quantity));
        var ledger = await Store.ReadLedgerAsync(sku, 500, null, Cancellation);
        ledger.Entries.Select(e => e.EventId).ShouldBe(events.Select(e => e.Id), ignoreOrder: true);
    }

    [Fact]
    public async Task Reserve_ConcurrentCheckoutsForScarceStock_GrantExactlyTheStock()
    {
        var sku = NewSku();
        using var core = new CoreHarness(Store);
        await core.Apply.HandleAsync([Received(sku, "store-1", 15)], Cancellation);

        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() =>
            core.Reserve.HandleAsync(new ReserveCommand(sku.Value, 1, i % 2 == 0 ? "web" : "pos"), Cancellation), Cancellation)));

        results.Count(r => r.Succeeded).ShouldBe(15);
        results.Where(r => !r.Succeeded).ShouldAllBe(r => r.Failure == ReservationFailure.InsufficientStock);
        var report = await core.Inventory.HandleAsync(sku, Cancellation);
        report.Locations.Single().Reserved.ShouldBe(15);
        report.Locations.Single().AvailableToSell.ShouldBe(0);
    }
}
