using System.Net;
using Microsoft.Azure.Cosmos;
using ServerlessInventory.Testing.Emulators;

namespace ServerlessInventory.Adapters.Cosmos.Tests.StandIn;

/// <summary>Point operations and containers as the store uses them: statuses, ETags and partition scoping.</summary>
public sealed class ItemTests(CosmosStandIn cosmos) : StandInTest(cosmos)
{
    [Fact]
    public async Task ReadItem_MissingId_Returns404()
    {
        var failure = await Should.ThrowAsync<CosmosException>(() => Items.ReadItemAsync<StockDoc>("missing", new PartitionKey(NewSku()), cancellationToken: Ct));

        failure.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ReadItemStream_MissingId_Returns404()
    {
        using var response = await Items.ReadItemStreamAsync("missing", new PartitionKey(NewSku()), cancellationToken: Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ReadItem_IdInAnotherPartition_Returns404()
    {
        var sku = NewSku();
        await Items.CreateItemAsync(new StockDoc("head", sku, "head", 1), new PartitionKey(sku), cancellationToken: Ct);

        using var response = await Items.ReadItemStreamAsync("head", new PartitionKey(NewSku()), cancellationToken: Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task CreateItem_ThenRead_ReturnsTheDocumentWithItsETag()
    {
        var sku = NewSku();
        var created = await Items.CreateItemAsync(new StockDoc("head", sku, "head", 1, 5), new PartitionKey(sku), cancellationToken: Ct);

        var read = await Items.ReadItemAsync<StockDoc>("head", new PartitionKey(sku), cancellationToken: Ct);

        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        read.Resource.ShouldBe(new StockDoc("head", sku, "head", 1, 5));
        read.ETag.ShouldNotBeNullOrEmpty();
        read.ETag.ShouldBe(created.ETag);
    }

    [Fact]
    public async Task CreateItem_ExistingIdSamePartition_Returns409()
    {
        var sku = NewSku();
        await Items.CreateItemAsync(new StockDoc("head", sku, "head", 1), new PartitionKey(sku), cancellationToken: Ct);

        var failure = await Should.ThrowAsync<CosmosException>(() => Items.CreateItemAsync(new StockDoc("head", sku, "head", 2), new PartitionKey(sku), cancellationToken: Ct));

        failure.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await Items.ReadItemAsync<StockDoc>("head", new PartitionKey(sku), cancellationToken: Ct)).Resource.Version.ShouldBe(1);
    }

    [Fact]
    public async Task CreateItem_SameIdInAnotherPartition_IsCreated()
    {
        var (first, second) = (NewSku(), NewSku());
        await Items.CreateItemAsync(new StockDoc("head", first, "head", 1), new PartitionKey(first), cancellationToken: Ct);

        var created = await Items.CreateItemAsync(new StockDoc("head", second, "head", 7), new PartitionKey(second), cancellationToken: Ct);

        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await Items.ReadItemAsync<StockDoc>("head", new PartitionKey(first), cancellationToken: Ct)).Resource.Version.ShouldBe(1);
        (await Items.ReadItemAsync<StockDoc>("head", new PartitionKey(second), cancellationToken: Ct)).Resource.Version.ShouldBe(7);
    }

    [Fact]
    public async Task ReplaceItem_CurrentIfMatch_ReplacesAndChangesETag()
    {
        var sku = NewSku();
        var created = await Items.CreateItemAsync(new StockDoc("head", sku, "head", 1), new PartitionKey(sku), cancellationToken: Ct);

        var replaced = await Items.ReplaceItemAsync(new StockDoc("head", sku, "head", 2), "head", new PartitionKey(sku),
            new ItemRequestOptions { IfMatchEtag = created.ETag }, Ct);

        replaced.StatusCode.ShouldBe(HttpStatusCode.OK);
        replaced.ETag.ShouldNotBe(created.ETag);
        (await Items.ReadItemAsync<StockDoc>("head", new PartitionKey(sku), cancellationToken: Ct)).Resource.Version.ShouldBe(2);
    }

    [Fact]
    public async Task ReplaceItem_StaleIfMatch_Returns412AndKeepsTheCurrentVersion()
    {
        var sku = NewSku();
        var created = await Items.CreateItemAsync(new StockDoc("head", sku, "head", 1), new PartitionKey(sku), cancellationToken: Ct);
        await Items.ReplaceItemAsync(new StockDoc("head", sku, "head", 2), "head", new PartitionKey(sku), cancellationToken: Ct);

        var failure = await Should.ThrowAsync<CosmosException>(() => Items.ReplaceItemAsync(new StockDoc("head", sku, "head", 3), "head",
            new PartitionKey(sku), new ItemRequestOptions { IfMatchEtag = created.ETag }, Ct));

        failure.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        (await Items.ReadItemAsync<StockDoc>("head", new PartitionKey(sku), cancellationToken: Ct)).Resource.Version.ShouldBe(2);
    }

    [Fact]
    public async Task UpsertItem_NewThenExisting_CreatesThenReplacesWithNewETags()
    {
        var sku = NewSku();

        var first = await Items.UpsertItemAsync(new StockDoc("head", sku, "head", 1), new PartitionKey(sku), cancellationToken: Ct);
        var second = await Items.UpsertItemAsync(new StockDoc("head", sku, "head", 2), new PartitionKey(sku), cancellationToken: Ct);

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        second.ETag.ShouldNotBe(first.ETag);
        second.Resource.Version.ShouldBe(2);
    }

    [Fact]
    public async Task DeleteItem_Existing_ThenReadReturns404AndDeleteAgainReturns404()
    {
        var sku = NewSku();
        await Items.CreateItemAsync(new StockDoc("head", sku, "head", 1), new PartitionKey(sku), cancellationToken: Ct);

        var deleted = await Items.DeleteItemAsync<StockDoc>("head", new PartitionKey(sku), cancellationToken: Ct);

        deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        using var read = await Items.ReadItemStreamAsync("head", new PartitionKey(sku), cancellationToken: Ct);
        read.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var again = await Items.DeleteItemStreamAsync("head", new PartitionKey(sku), cancellationToken: Ct);
        again.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PatchItem_SetAndIncrement_ChangesFieldsAndETag()
    {
        var sku = NewSku();
        var created = await Items.CreateItemAsync(new StockDoc("head", sku, "head", 1, 10), new PartitionKey(sku), cancellationToken: Ct);

        var patched = await Items.PatchItemAsync<StockDoc>("head", new PartitionKey(sku),
            [PatchOperation.Set("/version", 2), PatchOperation.Increment("/quantity", -3)], cancellationToken: Ct);

        patched.Resource.ShouldBe(new StockDoc("head", sku, "head", 2, 7));
        patched.ETag.ShouldNotBe(created.ETag);
    }

    [Fact]
    public async Task PatchItem_StaleIfMatch_Returns412()
    {
        var sku = NewSku();
        var created = await Items.CreateItemAsync(new StockDoc("head", sku, "head", 1), new PartitionKey(sku), cancellationToken: Ct);
        await Items.PatchItemAsync<StockDoc>("head", new PartitionKey(sku), [PatchOperation.Set("/version", 2)], cancellationToken: Ct);

        var failure = await Should.ThrowAsync<CosmosException>(() => Items.PatchItemAsync<StockDoc>("head", new PartitionKey(sku),
            [PatchOperation.Set("/version", 3)], new PatchItemRequestOptions { IfMatchEtag = created.ETag }, Ct));

        failure.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task CreateContainerIfNotExists_Twice_SecondFindsItAndReadShowsThePartitionKeyPath()
    {
        var id = CosmosStandIn.UniqueName("leases");

        var first = await Database.CreateContainerIfNotExistsAsync(id, "/id", cancellationToken: Ct);
        var second = await Database.CreateContainerIfNotExistsAsync(id, "/id", cancellationToken: Ct);
        var read = await first.Container.ReadContainerAsync(cancellationToken: Ct);

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        read.Resource.PartitionKeyPath.ShouldBe("/id");
    }
}
