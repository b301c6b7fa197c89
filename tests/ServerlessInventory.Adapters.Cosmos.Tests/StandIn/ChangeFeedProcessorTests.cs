using System.Collections.Concurrent;
using Microsoft.Azure.Cosmos;
using ServerlessInventory.Testing.Emulators;

namespace ServerlessInventory.Adapters.Cosmos.Tests.StandIn;

/// <summary>The change feed processor with a leases container (partitioned on /id), as the Functions trigger runs it.</summary>
public sealed class ChangeFeedProcessorTests(CosmosStandIn cosmos) : StandInTest(cosmos)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task ChangeFeedProcessor_Started_DeliversChanges()
    {
        var monitored = await NewContainerAsync();
        var leases = await NewContainerAsync("/id");
        var delivered = new ConcurrentQueue<StockDoc>();
        var (a, b) = (NewSku(), NewSku());
        var processor = monitored
            .GetChangeFeedProcessorBuilder<StockDoc>("standin-test", (IReadOnlyCollection<StockDoc> changes, CancellationToken _) =>
            {
                foreach (var change in changes)
                {
                    delivered.Enqueue(change);
                }
                return Task.CompletedTask;
            })
            .WithInstanceName("instance-1")
            .WithLeaseContainer(leases)
            .WithPollInterval(TimeSpan.FromMilliseconds(100))
            .Build();
        await processor.StartAsync();
        try
        {
            await monitored.CreateItemAsync(new StockDoc("head", a, "head", 1), new PartitionKey(a), cancellationToken: Ct);
            await monitored.CreateItemAsync(new StockDoc("head", b, "head", 1), new PartitionKey(b), cancellationToken: Ct);
            await WaitUntilAsync(() => delivered.Count >= 2);
            await monitored.ReplaceItemAsync(new StockDoc("head", a, "head", 2), "head", new PartitionKey(a), cancellationToken: Ct);
            await WaitUntilAsync(() => delivered.Count >= 3);
        }
        finally
        {
            await processor.StopAsync();
        }

        delivered.Select(doc => (doc.Sku, doc.Version)).ShouldBe([(a, 1), (b, 1), (a, 2)]);
        using var leaseQuery = leases.GetItemQueryIterator<dynamic>(new QueryDefinition("SELECT * FROM c"));
        (await leaseQuery.ReadNextAsync(Ct)).Count.ShouldBeGreaterThan(0);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(Patience);
        while (!condition())
        {
            await Task.Delay(50, timeout.Token);
        }
    }
}
