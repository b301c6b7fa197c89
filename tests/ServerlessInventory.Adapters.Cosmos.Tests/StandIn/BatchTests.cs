using System.Net;
using Microsoft.Azure.Cosmos;
using ServerlessInventory.Testing.Emulators;

namespace ServerlessInventory.Adapters.Cosmos.Tests.StandIn;

/// <summary>
/// Transactional batches in the SDK's binary (HybridRow) format: all or nothing, the failing operation with its own
/// status and the others 424, and a response the SDK reads (statuses, ETags, resources).
/// </summary>
public sealed class BatchTests(CosmosStandIn cosmos) : StandInTest(cosmos)
{
    [Fact]
    public async Task TransactionalBatch_AllSucceed_CommitsEveryOperationWithStatusesAndETags()
    {
        var sku = NewSku();
        var pk = new PartitionKey(sku);
        var head = await Items.CreateItemAsync(new StockDoc("head", sku, "head", 1), pk, cancellationToken: Ct);
        await Items.CreateItemAsync(new StockDoc("old", sku, "entry", 1), pk, cancellationToken: Ct);

        using var response = await Items.CreateTransactionalBatch(pk)
            .CreateItem(new StockDoc("e-1", sku, "entry", 2))
            .ReplaceItem("head", new StockDoc("head", sku, "head", 2), new TransactionalBatchItemRequestOptions { IfMatchEtag = head.ETag })
            .UpsertItem(new StockDoc("e-2", sku, "entry", 3))
            .DeleteItem("old")
            .ReadItem("head")
            .ExecuteAsync(Ct);

        response.IsSuccessStatusCode.ShouldBeTrue(response.ErrorMessage);
        response.Count.ShouldBe(5);
        Enumerable.Range(0, 5).Select(i => response[i].StatusCode).ShouldBe(
            [HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.Created, HttpStatusCode.NoContent, HttpStatusCode.OK]);
        response[1].ETag.ShouldNotBeNullOrEmpty();
        response[1].ETag.ShouldNotBe(head.ETag);
        response[4].ETag.ShouldBe(response[1].ETag);
        response.GetOperationResultAtIndex<StockDoc>(4).Resource.ShouldBe(new StockDoc("head", sku, "head", 2));
        response.GetOperationResultAtIndex<StockDoc>(0).Resource.Id.ShouldBe("e-1");
        (await Items.ReadItemAsync<StockDoc>("e-2", pk, cancellationToken: Ct)).Resource.Version.ShouldBe(3);
        using var deleted = await Items.ReadItemStreamAsync("old", pk, cancellationToken: Ct);
        deleted.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TransactionalBatch_OneConflict_WritesNothing()
    {
        var sku = NewSku();
        var pk = new PartitionKey(sku);
        await Items.CreateItemAsync(new StockDoc("e-1", sku, "entry", 1), pk, cancellationToken: Ct);

        using var response = await Items.CreateTransactionalBatch(pk)
            .UpsertItem(new StockDoc("head", sku, "head", 9))
            .CreateItem(new StockDoc("e-1", sku, "entry", 2))
            .CreateItem(new StockDoc("e-2", sku, "entry", 3))
            .ExecuteAsync(Ct);

        response.IsSuccessStatusCode.ShouldBeFalse();
        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        Enumerable.Range(0, 3).Select(i => response[i].StatusCode).ShouldBe(
            [HttpStatusCode.FailedDependency, HttpStatusCode.Conflict, HttpStatusCode.FailedDependency]);
        await ShouldBeMissingAsync("head", pk);
        await ShouldBeMissingAsync("e-2", pk);
        (await Items.ReadItemAsync<StockDoc>("e-1", pk, cancellationToken: Ct)).Resource.Version.ShouldBe(1);
    }

    [Fact]
    public async Task TransactionalBatch_StaleIfMatch_Returns412AndWritesNothing()
    {
        var sku = NewSku();
        var pk = new PartitionKey(sku);
        var head = await Items.CreateItemAsync(new StockDoc("head", sku, "head", 1), pk, cancellationToken: Ct);
        await Items.ReplaceItemAsync(new StockDoc("head", sku, "head", 2), "head", pk, cancellationToken: Ct);

        using var response = await Items.CreateTransactionalBatch(pk)
            .CreateItem(new StockDoc("e-1", sku, "entry", 3))
            .ReplaceItem("head", new StockDoc("head", sku, "head", 3), new TransactionalBatchItemRequestOptions { IfMatchEtag = head.ETag })
            .ExecuteAsync(Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        response[0].StatusCode.ShouldBe(HttpStatusCode.FailedDependency);
        response[1].StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        await ShouldBeMissingAsync("e-1", pk);
        (await Items.ReadItemAsync<StockDoc>("head", pk, cancellationToken: Ct)).Resource.Version.ShouldBe(2);
    }

    [Fact]
    public async Task TransactionalBatch_ReadOfMissingItem_Returns404AndWritesNothing()
    {
        var sku = NewSku();
        var pk = new PartitionKey(sku);

        using var response = await Items.CreateTransactionalBatch(pk)
            .CreateItem(new StockDoc("e-1", sku, "entry", 1))
            .ReadItem("missing")
            .ExecuteAsync(Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response[0].StatusCode.ShouldBe(HttpStatusCode.FailedDependency);
        response[1].StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await ShouldBeMissingAsync("e-1", pk);
    }

    [Fact]
    public async Task TransactionalBatch_PatchItem_AppliesTheOperations()
    {
        var sku = NewSku();
        var pk = new PartitionKey(sku);
        await Items.CreateItemAsync(new StockDoc("head", sku, "head", 1, 10), pk, cancellationToken: Ct);

        using var response = await Items.CreateTransactionalBatch(pk)
            .PatchItem("head", [PatchOperation.Increment("/quantity", 5), PatchOperation.Set("/version", 2)])
            .ExecuteAsync(Ct);

        response.IsSuccessStatusCode.ShouldBeTrue(response.ErrorMessage);
        response.GetOperationResultAtIndex<StockDoc>(0).Resource.ShouldBe(new StockDoc("head", sku, "head", 2, 15));
    }

    [Fact]
    public async Task TransactionalBatch_DocumentOfAnotherPartition_Returns400AndWritesNothing()
    {
        var (sku, other) = (NewSku(), NewSku());

        using var response = await Items.CreateTransactionalBatch(new PartitionKey(sku))
            .CreateItem(new StockDoc("e-1", sku, "entry", 1))
            .CreateItem(new StockDoc("e-2", other, "entry", 1))
            .ExecuteAsync(Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response[1].StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        await ShouldBeMissingAsync("e-1", new PartitionKey(sku));
    }

    [Fact]
    public async Task TransactionalBatch_Failed_LeavesNothingInTheChangeFeed()
    {
        var container = await NewContainerAsync();
        var sku = NewSku();
        var pk = new PartitionKey(sku);
        await container.CreateItemAsync(new StockDoc("e-1", sku, "entry", 1), pk, cancellationToken: Ct);
        using var feed = container.GetChangeFeedIterator<StockDoc>(ChangeFeedStartFrom.Now(), ChangeFeedMode.LatestVersion);
        (await feed.ReadNextAsync(Ct)).StatusCode.ShouldBe(HttpStatusCode.NotModified);

        using var response = await container.CreateTransactionalBatch(pk)
            .UpsertItem(new StockDoc("head", sku, "head", 1))
            .CreateItem(new StockDoc("e-1", sku, "entry", 2))
            .ExecuteAsync(Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await feed.ReadNextAsync(Ct)).StatusCode.ShouldBe(HttpStatusCode.NotModified);
    }

    private async Task ShouldBeMissingAsync(string id, PartitionKey pk)
    {
        using var read = await Items.ReadItemStreamAsync(id, pk, cancellationToken: Ct);
        read.StatusCode.ShouldBe(HttpStatusCode.NotFound, $"{id} should not have been written");
    }
}
