using Azure;
using Azure.Data.Tables;
using ServerlessInventory.Core.Channels;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Adapters.Tables.Tests;

/// <summary>
/// Two function instances editing one channel, each with its own registry and table client, with the interleaving laid
/// out step by step (<see cref="HookedTableClient"/>): one's cleanup must never delete what the other wrote.
/// </summary>
public sealed class TablesChannelRaceTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HookedTableClient HookedTable() => new(azurite.Azurite.ConnectionString, azurite.Prefix + TablesAdapter.Channels);

    private TablesChannelRegistry Plain() => new(azurite.Table(TablesAdapter.Channels));

    private static ChannelRegistration WithSkus(ChannelId channel, string tag, int count = 150) => ChannelRegistration.Bare(channel) with
    {
        SkuMap = Enumerable.Range(0, count).ToDictionary(i => $"{tag}-{i}", i => new SkuMapping(new Sku($"SKU-{tag}-{i}"), 1), StringComparer.Ordinal),
    };

    private List<TableEntity> MappingRows(ChannelId channel) =>
        [.. azurite.Table(TablesAdapter.Channels).Query<TableEntity>(e => e.PartitionKey == "map:" + channel.Value, cancellationToken: Ct)];

    [Fact]
    public async Task ChannelUpsert_AnotherEditCommittedBeforeTheFirstCleansUp_KeepsTheLaterEditsMappings()
    {
        var channel = new ChannelId($"channel-{Guid.NewGuid():N}");
        var created = await Plain().UpsertAsync(WithSkus(channel, "v0"), Ct);
        var hooked = HookedTable();
        var first = new TablesChannelRegistry(hooked);
        var other = Plain();
        var later = WithSkus(channel, "v2");
        ChannelSaveResult? laterSave = null;
        // A has just committed its head and not yet cleaned up: B reads that head and saves an edit on top of it.
        hooked.AfterUpdate = async () =>
        {
            hooked.AfterUpdate = null;
            var seen = (await other.GetAsync(channel, Ct)).ShouldNotBeNull();
            laterSave = await other.UpsertAsync(later with { ConcurrencyToken = seen.ConcurrencyToken }, Ct);
        };

        var firstSave = await first.UpsertAsync(WithSkus(channel, "v1") with { ConcurrencyToken = created.ConcurrencyToken }, Ct);

        firstSave.Outcome.ShouldBe(ChannelSaveOutcome.Updated);
        laterSave.ShouldNotBeNull().Outcome.ShouldBe(ChannelSaveOutcome.Updated);
        var stored = (await Plain().GetAsync(channel, Ct)).ShouldNotBeNull();
        stored.ConcurrencyToken.ShouldBe(laterSave.ConcurrencyToken);
        stored.SameContentAs(later).ShouldBeTrue("the first edit's cleanup must not delete the rows the later edit committed");
        MappingRows(channel).Count.ShouldBe(150, "both replaced generations are gone");
    }

    [Fact]
    public async Task ChannelRemove_CreateWritingItsMappingsMeanwhile_KeepsTheNewChannelsMappings()
    {
        var channel = new ChannelId($"channel-{Guid.NewGuid():N}");
        await Plain().UpsertAsync(WithSkus(channel, "old"), Ct);
        var creatorTable = HookedTable();
        var creator = new TablesChannelRegistry(creatorTable);
        var removerTable = HookedTable();
        var remover = new TablesChannelRegistry(removerTable);
        var recreated = WithSkus(channel, "new");
        var rowsWritten = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var commit = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<ChannelSaveResult>? create = null;
        // The head is gone, the remover's cleanup not yet run: a create reads no head, writes its rows and waits to add its head.
        creatorTable.BeforeAdd = async () => { rowsWritten.SetResult(); await commit.Task; };
        removerTable.AfterDelete = async partition =>
        {
            if (partition == "channels" && create is null)
            {
                create = Task.Run(() => creator.UpsertAsync(recreated, Ct), Ct);
                await rowsWritten.Task;
            }
        };

        (await remover.RemoveAsync(channel, null, Ct)).ShouldBe(ChannelRemoveOutcome.Removed);
        commit.SetResult();

        (await create.ShouldNotBeNull()).Outcome.ShouldBe(ChannelSaveOutcome.Created);
        (await Plain().GetAsync(channel, Ct)).ShouldNotBeNull().SameContentAs(recreated).ShouldBeTrue("the remover's cleanup must not delete the create's rows");
        MappingRows(channel).Count.ShouldBe(150, "the removed generation is gone");
    }

    [Fact]
    public async Task ChannelUpsert_HeadRemovedBeforeTheCommit_ConflictsAndLeavesNoRows()
    {
        var channel = new ChannelId($"channel-{Guid.NewGuid():N}");
        var created = await Plain().UpsertAsync(WithSkus(channel, "v0"), Ct);
        var hooked = HookedTable();
        hooked.AfterGet = async () => { hooked.AfterGet = null; await Plain().RemoveAsync(channel, null, Ct); };

        var save = await new TablesChannelRegistry(hooked).UpsertAsync(WithSkus(channel, "v1") with { ConcurrencyToken = created.ConcurrencyToken }, Ct);

        save.ShouldBe(new ChannelSaveResult(ChannelSaveOutcome.Conflict, null));
        MappingRows(channel).ShouldBeEmpty("the refused edit removed its own rows, the remove the old ones");
    }

    [Fact]
    public async Task ChannelGet_HeadChangingOnEveryRead_ThrowsATransientErrorRatherThanHalfAnEdit()
    {
        var channel = new ChannelId($"channel-{Guid.NewGuid():N}");
        var token = (await Plain().UpsertAsync(WithSkus(channel, "v0"), Ct)).ConcurrencyToken;
        var hooked = HookedTable();
        var edits = 0;
        // Every time the reader reads the head, another instance commits an edit right after.
        hooked.AfterGet = async () => token = (await Plain().UpsertAsync(WithSkus(channel, $"v{++edits}") with { ConcurrencyToken = token }, Ct)).ConcurrencyToken;

        var failure = await Should.ThrowAsync<InvalidOperationException>(() => new TablesChannelRegistry(hooked).GetAsync(channel, Ct));

        failure.Message.ShouldContain($"the channel {channel.Value} kept changing while being read; try again");
        hooked.AfterGet = null;
        (await Plain().GetAsync(channel, Ct)).ShouldNotBeNull().SameContentAs(WithSkus(channel, $"v{edits}")).ShouldBeTrue("once the edits stop, a read is whole again");
    }

    [Fact]
    public async Task ChannelUpsert_OrphanGenerationOlderThanTheGrace_IsSweptAndAYoungOneKept()
    {
        var channel = new ChannelId($"channel-{Guid.NewGuid():N}");
        var created = await Plain().UpsertAsync(WithSkus(channel, "v0", count: 3), Ct);
        // What a writer that crashed between its rows and its head leaves: rows no head names.
        var table = azurite.Table(TablesAdapter.Channels);
        await table.AddEntityAsync(new TableEntity("map:" + channel.Value, "crashed:sku:X"), Ct);
        await Task.Delay(TimeSpan.FromSeconds(3), Ct); // The commit's time (the Date header) has whole seconds.
        await table.AddEntityAsync(new TableEntity("map:" + channel.Value, "inflight:sku:Y"), Ct);
        var registry = new TablesChannelRegistry(table, orphanGrace: TimeSpan.FromSeconds(1.5));

        var save = await registry.UpsertAsync(WithSkus(channel, "v1", count: 3) with { ConcurrencyToken = created.ConcurrencyToken }, Ct);

        save.Outcome.ShouldBe(ChannelSaveOutcome.Updated);
        var generations = MappingRows(channel).Select(r => r.RowKey[..r.RowKey.IndexOf(':', StringComparison.Ordinal)]).Distinct().ToList();
        generations.ShouldNotContain("crashed", "older than the grace before the commit: an orphan");
        generations.ShouldContain("inflight", "younger than the grace: may be another writer's, about to be committed");
        generations.Count.ShouldBe(2, "the replaced generation is gone, the committed one kept");
        (await registry.GetAsync(channel, Ct)).ShouldNotBeNull().SameContentAs(WithSkus(channel, "v1", count: 3)).ShouldBeTrue();
    }
}
