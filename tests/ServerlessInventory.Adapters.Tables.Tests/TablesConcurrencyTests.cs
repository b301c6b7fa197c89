using Azure.Data.Tables;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;
using ServerlessInventory.Testing;

namespace ServerlessInventory.Adapters.Tables.Tests;

/// <summary>Two function instances, each with its own store and table client, meeting on the same rows.</summary>
public sealed class TablesConcurrencyTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TablesPushStateStore NewInstance() => new(azurite.Table(TablesAdapter.PushStates));

    [Fact]
    public async Task PushStateSave_TwoInstancesGivingTheNextVersionToTwoValues_ExactlyOneWinsEachTime()
    {
        var (one, other) = (NewInstance(), NewInstance());
        var channel = new ChannelId($"channel-{Guid.NewGuid():N}");
        for (var round = 0; round < 20; round++)
        {
            var sku = EventFactory.NewSku();
            await one.SaveAsync([new PushState(channel, sku, 5, 1, true, EventFactory.Epoch)], Ct);
            var mine = new PushState(channel, sku, 4, 2, false, EventFactory.Epoch.AddSeconds(1));
            var theirs = mine with { Available = 3 };
            using var start = new Barrier(2);

            var refusals = await Task.WhenAll(
                Task.Run(() => { start.SignalAndWait(Ct); return one.SaveAsync([mine], Ct); }, Ct),
                Task.Run(() => { start.SignalAndWait(Ct); return other.SaveAsync([theirs], Ct); }, Ct));

            refusals.Count(r => r.Count == 0).ShouldBe(1);
            var winner = refusals[0].Count == 0 ? mine : theirs;
            (await other.GetAsync([sku], Ct)).ShouldBe([winner]);
            (await one.ListUndeliveredAsync(100_000, Ct)).Where(s => s.Sku == sku).ShouldBe([winner]);
        }
    }

    [Fact]
    public async Task PushStateSave_DeliveredMarkAfterANewerVersion_IsRefusedAndTheNewerStaysListed()
    {
        var (one, other) = (NewInstance(), NewInstance());
        var owed = new PushState(new ChannelId($"channel-{Guid.NewGuid():N}"), EventFactory.NewSku(), 5, 1, false, EventFactory.Epoch);
        await one.SaveAsync([owed], Ct);
        var newer = owed with { Available = 2, Version = 2, UpdatedAt = EventFactory.Epoch.AddSeconds(5) };
        await other.SaveAsync([newer], Ct);

        var refused = await one.SaveAsync([owed with { Delivered = true }], Ct);

        refused.ShouldHaveSingleItem().Version.ShouldBe(1);
        (await one.ListUndeliveredAsync(100_000, Ct)).Where(s => s.Sku == owed.Sku).ShouldBe([newer]);
        var index = azurite.Table(TablesAdapter.PushStates).Query<TableEntity>(e => e.PartitionKey.CompareTo("owed:") > 0 && e.PartitionKey.CompareTo("owed;") < 0, cancellationToken: Ct)
            .Where(e => e.GetString("Sku") == owed.Sku.Value).ToList();
        index.ShouldHaveSingleItem().GetInt64("Version").ShouldBe(2, "the version-1 hint was removed once version 2 replaced it");
    }

    [Fact]
    public async Task ChannelUpsert_ThousandsOfMappingsReplaced_LeavesOnlyTheNewGenerationsRows()
    {
        var registry = new TablesChannelRegistry(azurite.Table(TablesAdapter.Channels));
        var channel = new ChannelId($"channel-{Guid.NewGuid():N}");
        var skus = Enumerable.Range(0, 1_200).ToDictionary(i => $"EXT-{i}", i => new Core.Channels.SkuMapping(new Sku($"SKU-{i}"), 1), StringComparer.Ordinal);
        var created = await registry.UpsertAsync(ChannelRegistration.Bare(channel) with { SkuMap = skus }, Ct);
        var fewer = skus.Take(10).ToDictionary(StringComparer.Ordinal);

        var updated = await registry.UpsertAsync(ChannelRegistration.Bare(channel) with { SkuMap = fewer, ConcurrencyToken = created.ConcurrencyToken }, Ct);

        updated.Outcome.ShouldBe(ChannelSaveOutcome.Updated);
        var rows = azurite.Table(TablesAdapter.Channels).Query<TableEntity>(e => e.PartitionKey == "map:" + channel.Value, cancellationToken: Ct).ToList();
        rows.Count.ShouldBe(10, "each mapping is its own row, and the old generation's rows are deleted");
        (await registry.GetAsync(channel, Ct)).ShouldNotBeNull().SkuMap.Count.ShouldBe(10);
    }
}
