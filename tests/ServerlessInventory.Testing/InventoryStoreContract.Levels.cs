using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Events;
using ServerlessInventory.Core.Ports;
using Shouldly;
using Xunit;
using static ServerlessInventory.Testing.EventFactory;

namespace ServerlessInventory.Testing;

/// <summary>A channel's reported level is written by the commit of its event's ledger entry, beside the SKU.</summary>
public abstract partial class InventoryStoreContract
{
    private static LevelReported LevelReport(Sku sku, string? location, int quantity, DateTimeOffset time) =>
        new(NewId(), new ChannelId("web"), time, sku, location is null ? null : new LocationId(location), new ChannelId("web"), quantity);

    private async Task<List<ReportedLevel>> ListedLevels(Sku sku, ChannelId channel)
    {
        var listed = new List<ReportedLevel>();
        string? after = null;
        do
        {
            var page = await Levels.ListAsync(channel, after, 100, Cancellation);
            listed.AddRange(page.Levels.Where(l => l.Sku == sku));
            after = page.ContinueAfter;
        }
        while (after is not null);
        return listed;
    }

    [Fact]
    public async Task ApplyEvents_LevelReported_IsReadableWithTheSkuAndByTheRunRightAfterItsCommit()
    {
        var sku = NewSku();
        using var core = new CoreHarness(Store);
        var pooled = LevelReport(sku, null, 11, Epoch.AddMinutes(1));
        var atStore = LevelReport(sku, "store-1", 4, Epoch.AddMinutes(2));

        await core.Apply.HandleAsync([Received(sku, "store-1", 5), pooled, atStore], Cancellation);

        var expected = new[]
        {
            new ReportedLevel(new ChannelId("web"), sku, null, 11, pooled.Time),
            new ReportedLevel(new ChannelId("web"), sku, new LocationId("store-1"), 4, atStore.Time),
        };
        var snapshot = await Store.LoadAsync(sku, new SnapshotRequest([], [], ReportedLevels: true), Cancellation);
        snapshot.Version.ShouldBe(1, "the levels are written by the batch's one commit");
        snapshot.ReportedLevels.ShouldBe(expected, ignoreOrder: true);
        (await Store.LoadAsync(sku, SnapshotRequest.None, Cancellation)).ReportedLevels.ShouldBeEmpty("an ordinary load does not read them");
        (await ListedLevels(sku, new ChannelId("web"))).ShouldBe(expected, ignoreOrder: true);
    }

    [Fact]
    public async Task ApplyEvents_OlderLevelReportAfterANewerOne_IsLedgeredButKeepsTheNewer()
    {
        var sku = NewSku();
        using var core = new CoreHarness(Store);
        var newer = LevelReport(sku, "store-1", 7, Epoch.AddMinutes(10));
        var older = LevelReport(sku, "store-1", 3, Epoch.AddMinutes(5));
        await core.Apply.HandleAsync([newer], Cancellation);

        var outcomes = await core.Apply.HandleAsync([older], Cancellation);

        outcomes.ShouldHaveSingleItem().Disposition.ShouldBe(EventDisposition.Applied);
        var kept = new ReportedLevel(new ChannelId("web"), sku, new LocationId("store-1"), 7, newer.Time);
        (await Store.LoadAsync(sku, new SnapshotRequest([], [], ReportedLevels: true), Cancellation)).ReportedLevels.ShouldBe([kept]);
        (await ListedLevels(sku, new ChannelId("web"))).ShouldBe([kept]);
        (await Store.ReadLedgerAsync(sku, 10, null, Cancellation)).Entries.Select(e => e.EventId).ShouldBe([older.Id, newer.Id]);
    }

    [Fact]
    public async Task Commit_LevelPulledBetweenItsLoadAndItsCommit_NeverLosesToTheOlderReport()
    {
        var sku = NewSku();
        var (web, store) = (new ChannelId("web"), new LocationId("store-1"));
        using var core = new CoreHarness(Store);
        await core.Apply.HandleAsync([Received(sku, "store-1", 5), LevelReport(sku, "store-1", 4, Epoch.AddMinutes(10))], Cancellation);
        var loaded = await Store.LoadAsync(sku, new SnapshotRequest([], [], ReportedLevels: true), Cancellation);
        var pulled = new ReportedLevel(web, sku, store, 9, Epoch.AddMinutes(30));
        await Levels.RecordAsync([pulled], Cancellation);

        // Decided on the load: this report (minute 20) is newer than the level it read (minute 10), older than the pull.
        var report = LevelReport(sku, "store-1", 6, Epoch.AddMinutes(20));
        var result = await Store.CommitAsync(
            new SkuCommit(sku, loaded.Version, loaded.ConcurrencyToken, [Entry(report, loaded.Version + 1)], [], []) { Levels = [new ReportedLevel(web, sku, store, 6, report.Time)] },
            Cancellation);

        result.ShouldBeOneOf(new CommitResult.Committed(loaded.Version + 1), new CommitResult.VersionConflict());
        (await ListedLevels(sku, web)).ShouldBe([pulled]);
    }
}
