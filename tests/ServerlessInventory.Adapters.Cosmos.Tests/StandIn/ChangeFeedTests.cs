using System.Net;
using Microsoft.Azure.Cosmos;
using ServerlessInventory.Testing.Emulators;

namespace ServerlessInventory.Adapters.Cosmos.Tests.StandIn;

/// <summary>
/// The change feed iterator in LatestVersion mode, as the change-feed function reads it: changes in modification
/// order, continuations that resume after what was read, 304 when there is nothing new. Each test has a container
/// of its own, since the feed is container-wide.
/// </summary>
public sealed class ChangeFeedTests(CosmosStandIn cosmos) : StandInTest(cosmos)
{
    [Fact]
    public async Task ChangeFeed_FromBeginning_ReturnsChangesInModificationOrder()
    {
        var container = await NewContainerAsync();
        var (a, b) = (NewSku(), NewSku());
        await container.CreateItemAsync(new StockDoc("head", b, "head", 1), new PartitionKey(b), cancellationToken: Ct);
        await container.CreateItemAsync(new StockDoc("head", a, "head", 1), new PartitionKey(a), cancellationToken: Ct);
        await container.ReplaceItemAsync(new StockDoc("head", b, "head", 2), "head", new PartitionKey(b), cancellationToken: Ct);

        var (changes, _) = await ReadUntilNotModifiedAsync(container, ChangeFeedStartFrom.Beginning());

        changes.Select(doc => (doc.Sku, doc.Version)).ShouldBe([(a, 1), (b, 2)]);
    }

    [Fact]
    public async Task ChangeFeed_NothingNew_Returns304NotModified()
    {
        var container = await NewContainerAsync();
        var sku = NewSku();
        await container.CreateItemAsync(new StockDoc("head", sku, "head", 1), new PartitionKey(sku), cancellationToken: Ct);
        var (_, continuation) = await ReadUntilNotModifiedAsync(container, ChangeFeedStartFrom.Beginning());

        using var iterator = container.GetChangeFeedIterator<StockDoc>(ChangeFeedStartFrom.ContinuationToken(continuation), ChangeFeedMode.LatestVersion);
        var page = await iterator.ReadNextAsync(Ct);

        page.StatusCode.ShouldBe(HttpStatusCode.NotModified);
        page.Count.ShouldBe(0);
        page.ContinuationToken.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task ChangeFeed_FromContinuation_ReturnsOnlyLaterChanges()
    {
        var container = await NewContainerAsync();
        var (a, b) = (NewSku(), NewSku());
        await container.CreateItemAsync(new StockDoc("head", a, "head", 1), new PartitionKey(a), cancellationToken: Ct);
        var (_, continuation) = await ReadUntilNotModifiedAsync(container, ChangeFeedStartFrom.Beginning());
        await container.CreateItemAsync(new StockDoc("head", b, "head", 1), new PartitionKey(b), cancellationToken: Ct);

        var (changes, _) = await ReadUntilNotModifiedAsync(container, ChangeFeedStartFrom.ContinuationToken(continuation));

        changes.Select(doc => doc.Sku).ShouldBe([b]);
    }

    [Fact]
    public async Task ChangeFeed_SameContinuationTwice_ReturnsTheSameItems()
    {
        var container = await NewContainerAsync();
        var (a, b) = (NewSku(), NewSku());
        await container.CreateItemAsync(new StockDoc("head", a, "head", 1), new PartitionKey(a), cancellationToken: Ct);
        var (_, continuation) = await ReadUntilNotModifiedAsync(container, ChangeFeedStartFrom.Beginning());
        await container.CreateItemAsync(new StockDoc("head", b, "head", 1), new PartitionKey(b), cancellationToken: Ct);
        await container.UpsertItemAsync(new StockDoc("head", a, "head", 2), new PartitionKey(a), cancellationToken: Ct);

        var first = await ReadUntilNotModifiedAsync(container, ChangeFeedStartFrom.ContinuationToken(continuation));
        var second = await ReadUntilNotModifiedAsync(container, ChangeFeedStartFrom.ContinuationToken(continuation));

        first.Changes.Select(doc => (doc.Sku, doc.Version)).ShouldBe([(b, 1), (a, 2)]);
        second.Changes.ShouldBe(first.Changes);
    }

    [Fact]
    public async Task ChangeFeed_ItemChangedTwice_AppearsOnceAtItsLatestVersion()
    {
        var container = await NewContainerAsync();
        var sku = NewSku();
        var (_, continuation) = await ReadUntilNotModifiedAsync(container, ChangeFeedStartFrom.Beginning());
        await container.CreateItemAsync(new StockDoc("head", sku, "head", 1), new PartitionKey(sku), cancellationToken: Ct);
        await container.ReplaceItemAsync(new StockDoc("head", sku, "head", 2), "head", new PartitionKey(sku), cancellationToken: Ct);
        await container.ReplaceItemAsync(new StockDoc("head", sku, "head", 3), "head", new PartitionKey(sku), cancellationToken: Ct);

        var (changes, _) = await ReadUntilNotModifiedAsync(container, ChangeFeedStartFrom.ContinuationToken(continuation));

        changes.ShouldHaveSingleItem().Version.ShouldBe(3);
    }

    [Fact]
    public async Task ChangeFeed_FromNow_ReturnsOnlyChangesMadeAfterwards()
    {
        var container = await NewContainerAsync();
        var (before, after) = (NewSku(), NewSku());
        await container.CreateItemAsync(new StockDoc("head", before, "head", 1), new PartitionKey(before), cancellationToken: Ct);
        using var iterator = container.GetChangeFeedIterator<StockDoc>(ChangeFeedStartFrom.Now(), ChangeFeedMode.LatestVersion);
        var empty = await iterator.ReadNextAsync(Ct);
        await container.CreateItemAsync(new StockDoc("head", after, "head", 1), new PartitionKey(after), cancellationToken: Ct);

        var page = await iterator.ReadNextAsync(Ct);

        empty.StatusCode.ShouldBe(HttpStatusCode.NotModified);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.Select(doc => doc.Sku).ShouldBe([after]);
    }

    [Fact]
    public async Task ChangeFeed_PageSizeHint_ReturnsEveryChangeInPagesOfThatSize()
    {
        var container = await NewContainerAsync();
        var skus = Enumerable.Range(0, 5).Select(_ => NewSku()).ToList();
        foreach (var sku in skus)
        {
            await container.CreateItemAsync(new StockDoc("head", sku, "head", 1), new PartitionKey(sku), cancellationToken: Ct);
        }

        var (changes, _, pages) = await ReadPagesAsync(container, ChangeFeedStartFrom.Beginning(), pageSize: 2);

        changes.Select(doc => doc.Sku).ShouldBe(skus);
        pages.ShouldBe([2, 2, 1]);
    }

    [Fact]
    public async Task ChangeFeed_DeletedItem_IsNotInTheFeed()
    {
        var container = await NewContainerAsync();
        var (kept, deleted) = (NewSku(), NewSku());
        await container.CreateItemAsync(new StockDoc("head", deleted, "head", 1), new PartitionKey(deleted), cancellationToken: Ct);
        await container.CreateItemAsync(new StockDoc("head", kept, "head", 1), new PartitionKey(kept), cancellationToken: Ct);
        await container.DeleteItemAsync<StockDoc>("head", new PartitionKey(deleted), cancellationToken: Ct);

        var (changes, _) = await ReadUntilNotModifiedAsync(container, ChangeFeedStartFrom.Beginning());

        changes.Select(doc => doc.Sku).ShouldBe([kept]);
    }

    private static async Task<(List<StockDoc> Changes, string Continuation)> ReadUntilNotModifiedAsync(Container container, ChangeFeedStartFrom start)
    {
        var (changes, continuation, _) = await ReadPagesAsync(container, start, pageSize: 100);
        return (changes, continuation);
    }

    /// <summary>Reads pages until the feed answers 304; returns what it read, the last continuation and each page's size.</summary>
    private static async Task<(List<StockDoc> Changes, string Continuation, List<int> Pages)> ReadPagesAsync(Container container, ChangeFeedStartFrom start, int pageSize)
    {
        using var iterator = container.GetChangeFeedIterator<StockDoc>(start, ChangeFeedMode.LatestVersion, new ChangeFeedRequestOptions { PageSizeHint = pageSize });
        var changes = new List<StockDoc>();
        var pages = new List<int>();
        while (true)
        {
            var page = await iterator.ReadNextAsync(Ct);
            if (page.StatusCode == HttpStatusCode.NotModified)
            {
                return (changes, page.ContinuationToken, pages);
            }
            pages.Add(page.Count);
            changes.AddRange(page);
        }
    }
}
