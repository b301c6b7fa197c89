using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Events;
using Shouldly;
using Xunit;
using static ServerlessInventory.Testing.EventFactory;

namespace ServerlessInventory.Testing;

public abstract partial class InventoryStoreContract
{
    [Fact]
    public async Task Load_LedgerAfterAMoment_ReturnsOnlyLaterEntriesInAppliedOrder()
    {
        var sku = NewSku();
        var moment = Epoch.AddMinutes(30);
        var late = Sale(sku, "dc-1", 1, moment.AddMinutes(5));
        var early = Sale(sku, "dc-1", 1, moment.AddMinutes(-5));
        var exactlyThen = Sale(sku, "dc-1", 1, moment);
        var later = Sale(sku, "dc-1", 1, moment.AddMinutes(1));
        await CommitOk(sku, 0, [Entry(late, 1), Entry(early, 1)], []);
        await CommitOk(sku, 1, [Entry(exactlyThen, 2), Entry(later, 2)], []);

        var snapshot = await Store.LoadAsync(sku, new SnapshotRequest([], [], moment), Cancellation);
        var without = await Store.LoadAsync(sku, SnapshotRequest.None, Cancellation);

        snapshot.LedgerAfter.Select(e => e.EventId).ShouldBe([late.Id, later.Id]);
        snapshot.LedgerAfter.Select(e => e.Version).ShouldBe([1, 2]);
        snapshot.Version.ShouldBe(2);
        without.LedgerAfter.ShouldBeEmpty();
    }

    [Fact]
    public async Task ReadLedger_MoreEntriesThanAPage_PagesNewestFirstUntilNoContinuation()
    {
        var sku = NewSku();
        var events = Enumerable.Range(0, 23).Select(i => Received(sku, "dc-1", i + 1)).ToList();
        for (var i = 0; i < events.Count; i++)
        {
            await CommitOk(sku, i, [Entry(events[i], i + 1)], []);
        }

        var pages = new List<IReadOnlyList<LedgerEntry>>();
        string? continuation = null;
        do
        {
            var page = await Store.ReadLedgerAsync(sku, 10, continuation, Cancellation);
            pages.Add(page.Entries);
            continuation = page.Continuation;
        }
        while (continuation is not null && pages.Count < 10);

        pages.Select(p => p.Count).ShouldBe([10, 10, 3]);
        pages.SelectMany(p => p).Select(e => e.EventId).ShouldBe(events.Select(e => e.Id).Reverse());
    }

    [Fact]
    public async Task ReadLedger_Entry_RoundTripsEventEffectsAndFlags()
    {
        var sku = NewSku();
        var order = Order(sku, "dc-1", 3, reservationId: "r-1");
        var entry = new LedgerEntry(order, 1, Epoch.AddDays(1), [new PositionChange(new LocationId("dc-1"), Committed: 3)], 2, [LedgerFlags.Oversold]);
        await CommitOk(sku, 0, [entry], []);

        var stored = (await Store.ReadLedgerAsync(sku, 10, null, Cancellation)).Entries.Single();

        stored.Event.ShouldBe(order);
        stored.Version.ShouldBe(1);
        stored.AppliedAt.ShouldBe(entry.AppliedAt);
        stored.Effects.ShouldBe(entry.Effects);
        stored.Oversold.ShouldBe(2);
        stored.Flags.ShouldBe([LedgerFlags.Oversold]);
    }

    [Fact]
    public async Task ChangeFeed_CommitsAfterCheckpoint_ReturnsEachSkuAtItsLatestVersionInOrder()
    {
        var checkpoint = await ReadToEndAsync(null);
        var one = NewSku();
        var two = NewSku();
        await CommitOk(one, 0, [], [Position("dc-1", 1)]);
        await CommitOk(two, 0, [], [Position("dc-1", 1)]);
        await CommitOk(one, 1, [], [Position("dc-1", 2)]);

        var (changes, next) = await ReadAllAsync(checkpoint);

        var ours = changes.Where(c => c.Sku == one || c.Sku == two).ToList();
        ours.Where(c => c.Sku == one).Max(c => c.Version).ShouldBe(2);
        ours.Where(c => c.Sku == two).Max(c => c.Version).ShouldBe(1);
        ours.Where(c => c.Sku == one).Select(c => c.Version).ShouldBeInOrder();
        var (afterNext, _) = await ReadAllAsync(next);
        afterNext.ShouldNotContain(c => c.Sku == one || c.Sku == two);
    }

    [Fact]
    public async Task ChangeFeed_ReadAgainFromSameCheckpoint_ReturnsTheSameChanges()
    {
        var checkpoint = await ReadToEndAsync(null);
        var sku = NewSku();
        await CommitOk(sku, 0, [], [Position("dc-1", 1)]);

        var (first, _) = await ReadAllAsync(checkpoint);
        var (again, _) = await ReadAllAsync(checkpoint);

        first.ShouldContain(c => c.Sku == sku && c.Version == 1);
        again.ShouldContain(c => c.Sku == sku && c.Version == 1);
    }

    private async Task<string?> ReadToEndAsync(string? checkpoint) => (await ReadAllAsync(checkpoint)).Checkpoint;

    private async Task<(List<Core.Ports.SkuChange> Changes, string? Checkpoint)> ReadAllAsync(string? checkpoint)
    {
        var all = new List<Core.Ports.SkuChange>();
        for (var round = 0; round < 10_000; round++)
        {
            var batch = await Feed.ReadAsync(checkpoint, 500, Cancellation);
            checkpoint = batch.Checkpoint;
            all.AddRange(batch.Changes);
            if (batch.Changes.Count == 0)
            {
                break;
            }
        }
        return (all, checkpoint);
    }
}
