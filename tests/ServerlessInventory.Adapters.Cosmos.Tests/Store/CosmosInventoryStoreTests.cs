using System.Text;
using Microsoft.Azure.Cosmos;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Serialization;
using ServerlessInventory.Testing;
using ServerlessInventory.Testing.Emulators;

namespace ServerlessInventory.Adapters.Cosmos.Tests.Store;

/// <summary>
/// What the contract suite cannot see: a commit made by another store instance than the one that loaded (two function
/// instances, or a token that crossed a process). It has no loaded head to reuse, so it reads the head once.
/// </summary>
public sealed class CosmosInventoryStoreTests(CosmosStandIn endpoint)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Commit_TokenLoadedByAnotherInstance_KeepsThePositionsItDidNotChange()
    {
        await using var store = await CosmosStore.CreateAsync(endpoint, Ct);
        var loader = new CosmosInventoryStore(store.Master);
        var committer = new CosmosInventoryStore(store.Master);
        var sku = EventFactory.NewSku();
        (await loader.CommitAsync(new SkuCommit(sku, 0, null, [], [Position("dc-1", 5), Position("store-1", 3)], []), Ct)).ShouldBe(new CommitResult.Committed(1));
        var loaded = await loader.LoadAsync(sku, SnapshotRequest.None, Ct);

        // A copy of the token: not the string instance the loader remembers.
        var token = new string(loaded.ConcurrencyToken.ShouldNotBeNull().AsSpan());
        var result = await committer.CommitAsync(new SkuCommit(sku, 1, token, [], [Position("dc-1", 9)], []), Ct);

        result.ShouldBe(new CommitResult.Committed(2));
        var after = await loader.LoadAsync(sku, SnapshotRequest.None, Ct);
        after.Positions.OrderBy(p => p.Location.Value).Select(p => (p.Location.Value, p.OnHand)).ShouldBe([("dc-1", 9), ("store-1", 3)]);
    }

    [Fact]
    public async Task Commit_StaleTokenLoadedByAnotherInstance_ConflictsAndWritesNothing()
    {
        await using var store = await CosmosStore.CreateAsync(endpoint, Ct);
        var first = new CosmosInventoryStore(store.Master);
        var second = new CosmosInventoryStore(store.Master);
        var sku = EventFactory.NewSku();
        await first.CommitAsync(new SkuCommit(sku, 0, null, [], [Position("dc-1", 5)], []), Ct);
        var stale = await first.LoadAsync(sku, SnapshotRequest.None, Ct);
        (await first.CommitAsync(new SkuCommit(sku, 1, stale.ConcurrencyToken, [], [Position("dc-1", 6)], []), Ct)).ShouldBe(new CommitResult.Committed(2));

        var result = await second.CommitAsync(new SkuCommit(sku, 1, stale.ConcurrencyToken, [], [Position("dc-1", 7)], []), Ct);

        result.ShouldBeOfType<CommitResult.VersionConflict>();
        (await first.LoadAsync(sku, SnapshotRequest.None, Ct)).Positions.Single().OnHand.ShouldBe(6);
    }

    [Fact]
    public async Task Load_LedgerItemWrittenWithBareIdKey_IsAppliedForItsOwnSourceOnly()
    {
        await using var store = await CosmosStore.CreateAsync(endpoint, Ct);
        var master = new CosmosInventoryStore(store.Master);
        var sku = EventFactory.NewSku();
        var id = EventFactory.NewId().Value;
        var fromPos = EventFactory.Received(sku, "store-1", 4, id: id, source: "pos");
        var fromWeb = EventFactory.Received(sku, "dc-1", 7, id: id, source: "web");
        (await master.CommitAsync(new SkuCommit(sku, 0, null, [], [Position("store-1", 4)], []), Ct)).ShouldBe(new CommitResult.Committed(1));
        // As the store wrote a ledger item before identities had a source: id e:{eventId}, no eventKey.
        var entry = LedgerEntryJson.Serialize(new LedgerEntry(fromPos, 1, EventFactory.Epoch, fromPos.Changes, 0, []));
        var legacy = $$"""{"id":"e:{{id}}","sku":"{{sku}}","type":"ledger","eventId":"{{id}}","seq":1000,"eventTime":"2026-11-01T09:00:00.0000000Z","entry":{{entry}}}""";
        using (var response = await store.Master.CreateItemStreamAsync(new MemoryStream(Encoding.UTF8.GetBytes(legacy)), new PartitionKey(sku.Value), cancellationToken: Ct))
        {
            response.IsSuccessStatusCode.ShouldBeTrue(response.ErrorMessage);
        }

        var loaded = await master.LoadAsync(sku, new SnapshotRequest([fromPos.Key, fromWeb.Key], []), Ct);

        loaded.AppliedEvents.ToList().ShouldBe([fromPos.Key], "pos resending its event is a duplicate; web's event with the same id is not");
        var web = new LedgerEntry(fromWeb, 2, EventFactory.Epoch, fromWeb.Changes, 0, []);
        (await master.CommitAsync(new SkuCommit(sku, 1, loaded.ConcurrencyToken, [web], [Position("store-1", 4), Position("dc-1", 7)], []), Ct))
            .ShouldBe(new CommitResult.Committed(2));
    }

    private static PositionState Position(string location, int onHand) => new(new LocationId(location), onHand, 0, 0, 0);
}
