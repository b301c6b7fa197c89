using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;
using Shouldly;
using Xunit;

namespace ServerlessInventory.Testing;

/// <summary>What every <see cref="IReportedLevelStore"/> must do. Each test uses a channel of its own, so a store may be shared.</summary>
public abstract class ReportedLevelStoreContract : PortContract<IReportedLevelStore>
{
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly ChannelId _channel = new(NewKey("channel"));

    private ReportedLevel Level(string sku, string? location, int level, int minute) =>
        new(_channel, new Sku(sku), location is null ? null : new LocationId(location), level, Epoch.AddMinutes(minute));

    private async Task<List<ReportedLevel>> All(int maxSkus)
    {
        var all = new List<ReportedLevel>();
        string? after = null;
        do
        {
            var page = await Port.ListAsync(_channel, after, maxSkus, Cancellation);
            page.Levels.Select(l => l.Sku).Distinct().Count().ShouldBeLessThanOrEqualTo(maxSkus);
            if (page.ContinueAfter is not null)
            {
                page.ContinueAfter.ShouldBe(page.Levels[^1].Sku.Value, "a page continues after its last SKU");
            }
            all.AddRange(page.Levels);
            after = page.ContinueAfter;
        }
        while (after is not null);
        return all;
    }

    [Fact]
    public async Task Record_OlderReportAfterANewerOne_KeepsTheNewer()
    {
        await Port.RecordAsync([Level("SKU-A", "store-1", 7, 10)], Cancellation);
        await Port.RecordAsync([Level("SKU-A", "store-1", 3, 5)], Cancellation);
        await Port.RecordAsync([Level("SKU-A", "store-1", 7, 10)], Cancellation);

        (await All(10)).ShouldBe([Level("SKU-A", "store-1", 7, 10)]);
    }

    [Fact]
    public async Task Record_NewerReport_ReplacesTheLevelOfItsLocationOnly()
    {
        await Port.RecordAsync([Level("SKU-A", "store-1", 7, 10), Level("SKU-A", "store-2", 4, 10), Level("SKU-A", null, 11, 10)], Cancellation);

        await Port.RecordAsync([Level("SKU-A", "store-2", 1, 20)], Cancellation);

        (await All(10)).ShouldBe([Level("SKU-A", null, 11, 10), Level("SKU-A", "store-1", 7, 10), Level("SKU-A", "store-2", 1, 20)], ignoreOrder: true);
    }

    [Fact]
    public async Task List_ManySkus_PagesBySkuWithoutSplittingOneSkusLevels()
    {
        var levels = Enumerable.Range(0, 25).SelectMany(i => new[] { Level($"SKU-{i:D3}", "store-1", i, 1), Level($"SKU-{i:D3}", "store-2", i, 1) }).ToList();
        await Port.RecordAsync(levels, Cancellation);

        var listed = await All(4);

        listed.ShouldBe(levels, ignoreOrder: true);
        listed.Select(l => l.Sku.Value).ShouldBeInOrder(SortDirection.Ascending, StringComparer.Ordinal);
    }

    [Fact]
    public async Task Record_WritersRacingOnOneLevel_KeepTheNewestReport()
    {
        // Sent newest first, all at once: a writer that replaced without checking what it read would let an older one win.
        var reports = Enumerable.Range(1, 16).Reverse().Select(minute => Level("SKU-RACE", "store-1", minute, minute)).ToList();

        await Task.WhenAll(reports.Select(report => Task.Run(() => Port.RecordAsync([report], Cancellation), Cancellation)));

        (await All(10)).ShouldBe([Level("SKU-RACE", "store-1", 16, 16)]);
    }

    [Fact]
    public async Task Record_WritersRacingOnOneSkusLocations_KeepEveryLocation()
    {
        var reports = Enumerable.Range(1, 12).Select(i => Level("SKU-RACE", $"store-{i:D2}", i, 10)).ToList();

        await Task.WhenAll(reports.Select(report => Task.Run(() => Port.RecordAsync([report], Cancellation), Cancellation)));

        (await All(10)).ShouldBe(reports, ignoreOrder: true);
    }

    [Fact]
    public async Task List_AfterASkuWithAPercentSign_StartsRightAfterIt()
    {
        await Port.RecordAsync([Level("P%0", null, 1, 1), Level("P%1", null, 2, 1), Level("P0", null, 3, 1)], Cancellation);

        var page = await Port.ListAsync(_channel, "P%0", 10, Cancellation);

        page.Levels.Select(l => l.Sku.Value).ShouldBe(["P%1", "P0"]);
    }

    [Fact]
    public async Task List_AnotherChannel_SeesNoneOfThisChannelsLevels()
    {
        await Port.RecordAsync([Level("SKU-A", "store-1", 7, 10)], Cancellation);

        (await Port.ListAsync(new ChannelId(NewKey("other")), null, 10, Cancellation)).ShouldSatisfyAllConditions(
            p => p.Levels.ShouldBeEmpty(), p => p.ContinueAfter.ShouldBeNull());
    }
}
