using System.Net;
using Microsoft.Azure.Cosmos;
using ServerlessInventory.Testing.Emulators;

namespace ServerlessInventory.Adapters.Cosmos.Tests.StandIn;

/// <summary>
/// Queries as the store sends them: partition-scoped (the partition key header must limit the answer) and
/// cross-partition (the SDK on Linux first asks the gateway for a query plan).
/// </summary>
public sealed class QueryTests(CosmosStandIn cosmos) : StandInTest(cosmos)
{
    [Fact]
    public async Task Query_WithPartitionKey_ReturnsOnlyThatPartition()
    {
        var (mine, other) = (NewSku(), NewSku());
        await SeedAsync(mine, 3);
        await SeedAsync(other, 2);

        var found = await ReadAllAsync<StockDoc>(new QueryDefinition("SELECT * FROM c"), mine);

        found.Count.ShouldBe(3);
        found.ShouldAllBe(doc => doc.Sku == mine);
    }

    [Fact]
    public async Task Query_WithPartitionKeyAndParameters_FiltersByArrayContainsAndType()
    {
        var sku = NewSku();
        await SeedAsync(sku, 4);
        await Items.CreateItemAsync(new StockDoc("r-1", sku, "reservation", 1), new PartitionKey(sku), cancellationToken: Ct);

        var query = new QueryDefinition("SELECT * FROM c WHERE ARRAY_CONTAINS(@ids, c.id) AND c.type = @t")
            .WithParameter("@ids", new List<string> { "e-1", "e-3", "r-1", "nope" })
            .WithParameter("@t", "entry");
        var found = await ReadAllAsync<StockDoc>(query, sku);

        found.Select(doc => doc.Id).Order().ShouldBe(["e-1", "e-3"]);
    }

    [Fact]
    public async Task Query_WithPartitionKeyOrderByDescAndTop_ReturnsTheHighestVersionsFirst()
    {
        var sku = NewSku();
        await SeedAsync(sku, 5);
        await SeedAsync(NewSku(), 5);

        var found = await ReadAllAsync<StockDoc>(new QueryDefinition("SELECT TOP 3 * FROM c WHERE c.type = @t ORDER BY c.version DESC").WithParameter("@t", "entry"), sku);

        found.Select(doc => doc.Version).ShouldBe([5, 4, 3]);
        found.ShouldAllBe(doc => doc.Sku == sku);
    }

    [Fact]
    public async Task Query_WithPartitionKeyAndMaxItemCount_PagesWithContinuationTokens()
    {
        var sku = NewSku();
        await SeedAsync(sku, 5);
        var query = new QueryDefinition("SELECT * FROM c ORDER BY c.version DESC");
        var options = new QueryRequestOptions { PartitionKey = new PartitionKey(sku), MaxItemCount = 2 };

        using var first = Items.GetItemQueryIterator<StockDoc>(query, requestOptions: options);
        var page1 = await first.ReadNextAsync(Ct);
        using var resumed = Items.GetItemQueryIterator<StockDoc>(query, page1.ContinuationToken, options);
        var rest = new List<StockDoc>();
        var pages = 1;
        while (resumed.HasMoreResults)
        {
            var page = await resumed.ReadNextAsync(Ct);
            page.Count.ShouldBeLessThanOrEqualTo(2);
            rest.AddRange(page);
            pages++;
        }

        page1.Count.ShouldBe(2);
        page1.ContinuationToken.ShouldNotBeNullOrEmpty();
        page1.Concat(rest).Select(doc => doc.Version).ShouldBe([5, 4, 3, 2, 1]);
        pages.ShouldBeGreaterThanOrEqualTo(3);
    }

    [Fact]
    public async Task Query_CrossPartitionWithFilterAndOrderBy_ReturnsMatchesFromEveryPartitionInOrder()
    {
        var (a, b) = (NewSku(), NewSku());
        await Items.CreateItemAsync(new StockDoc("x", a, "cross", 30, 1), new PartitionKey(a), cancellationToken: Ct);
        await Items.CreateItemAsync(new StockDoc("y", b, "cross", 10, 2), new PartitionKey(b), cancellationToken: Ct);
        await Items.CreateItemAsync(new StockDoc("z", b, "cross", 20, 0), new PartitionKey(b), cancellationToken: Ct);
        var query = new QueryDefinition("SELECT * FROM c WHERE c.sku IN (@a, @b) AND c.quantity >= @min ORDER BY c.version")
            .WithParameter("@a", a).WithParameter("@b", b).WithParameter("@min", 1);

        var found = await ReadAllAsync<StockDoc>(query);

        found.Select(doc => (doc.Sku, doc.Version)).ShouldBe([(b, 10), (a, 30)]);
    }

    [Fact]
    public async Task Query_CrossPartitionSelectValue_ReturnsTheProjectedValues()
    {
        var (a, b) = (NewSku(), NewSku());
        await Items.CreateItemAsync(new StockDoc("head", a, "proj", 1), new PartitionKey(a), cancellationToken: Ct);
        await Items.CreateItemAsync(new StockDoc("head", b, "proj", 1), new PartitionKey(b), cancellationToken: Ct);
        var query = new QueryDefinition("SELECT VALUE c.sku FROM c WHERE c.id = 'head' AND c.sku IN (@a, @b)").WithParameter("@a", a).WithParameter("@b", b);

        var found = await ReadAllAsync<string>(query);

        found.Order().ShouldBe(new[] { a, b }.Order());
    }

    [Fact]
    public async Task Query_CrossPartitionTopWithMaxItemCount_ReturnsTopInPages()
    {
        var skus = Enumerable.Range(0, 5).Select(_ => NewSku()).ToList();
        var tag = Guid.NewGuid().ToString("N");
        for (var i = 0; i < skus.Count; i++)
        {
            await Items.CreateItemAsync(new StockDoc(tag, skus[i], "top", i + 1), new PartitionKey(skus[i]), cancellationToken: Ct);
        }
        var query = new QueryDefinition("SELECT TOP 4 * FROM c WHERE c.id = @tag ORDER BY c.version DESC").WithParameter("@tag", tag);

        using var iterator = Items.GetItemQueryIterator<StockDoc>(query, requestOptions: new QueryRequestOptions { MaxItemCount = 3 });
        var pages = new List<int>();
        var found = new List<StockDoc>();
        while (iterator.HasMoreResults)
        {
            var page = await iterator.ReadNextAsync(Ct);
            pages.Add(page.Count);
            found.AddRange(page);
        }

        found.Select(doc => doc.Version).ShouldBe([5, 4, 3, 2]);
        pages.ShouldAllBe(count => count <= 3);
    }

    [Fact]
    public async Task Query_InvalidSql_Returns400()
    {
        using var iterator = Items.GetItemQueryIterator<StockDoc>(new QueryDefinition("SELEKT * FROM c"));

        var failure = await Should.ThrowAsync<CosmosException>(() => iterator.ReadNextAsync(Ct));

        failure.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    private async Task SeedAsync(string sku, int entries)
    {
        for (var version = 1; version <= entries; version++)
        {
            await Items.CreateItemAsync(new StockDoc($"e-{version}", sku, "entry", version), new PartitionKey(sku), cancellationToken: Ct);
        }
    }

    private async Task<List<T>> ReadAllAsync<T>(QueryDefinition query, string? sku = null)
    {
        var options = sku is null ? null : new QueryRequestOptions { PartitionKey = new PartitionKey(sku) };
        using var iterator = Items.GetItemQueryIterator<T>(query, requestOptions: options);
        var found = new List<T>();
        while (iterator.HasMoreResults)
        {
            found.AddRange(await iterator.ReadNextAsync(Ct));
        }
        return found;
    }
}
