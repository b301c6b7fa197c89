using System.Collections.ObjectModel;
using Microsoft.Azure.Cosmos;

namespace ServerlessInventory.Adapters.Cosmos;

/// <summary>
/// The database and containers as the code needs them. In Azure the Bicep deployment creates them (the app's
/// identity may not create resources); the local runner and the tests create them here, with the same settings.
/// </summary>
public static class CosmosSetup
{
    /// <summary>
    /// Only the paths the store queries are indexed: the ledger's event bodies and the positions never are, which keeps
    /// every write's cost down. <c>id</c> and the partition key are indexed regardless.
    /// </summary>
    public static IndexingPolicy MasterIndexingPolicy()
    {
        var policy = new IndexingPolicy { IndexingMode = IndexingMode.Consistent, Automatic = true };
        foreach (var path in IndexedPaths)
        {
            policy.IncludedPaths.Add(new IncludedPath { Path = path });
        }
        policy.ExcludedPaths.Add(new ExcludedPath { Path = "/*" });
        // The sweeper's cross-partition query: two equalities and a range, served by one composite index.
        policy.CompositeIndexes.Add(new Collection<CompositePath>
        {
            new() { Path = "/type", Order = CompositePathSortOrder.Ascending },
            new() { Path = "/status", Order = CompositePathSortOrder.Ascending },
            new() { Path = "/expiresAt", Order = CompositePathSortOrder.Ascending },
        });
        // The SKU directory's cross-partition page: heads only, in SKU order.
        policy.CompositeIndexes.Add(new Collection<CompositePath>
        {
            new() { Path = "/type", Order = CompositePathSortOrder.Ascending },
            new() { Path = "/sku", Order = CompositePathSortOrder.Ascending },
        });
        return policy;
    }

    /// <summary>The paths the store's queries filter or sort on (bicep/modules/stock-indexing-policy.json holds the same).</summary>
    public static ReadOnlyCollection<string> IndexedPaths { get; } = new(
        ["/type/?", "/status/?", "/expiresAt/?", "/eventId/?", "/reservationId/?", "/seq/?", "/eventTime/?", "/sku/?"]);

    /// <summary>Creates the database, the master container (<c>/sku</c>) and the lease container (<c>/id</c>) when missing.</summary>
    public static async Task<(Container Master, Container Leases)> CreateIfNotExistsAsync(CosmosClient client, CosmosOptions options, CancellationToken cancellationToken)
    {
        Database database = await client.CreateDatabaseIfNotExistsAsync(options.DatabaseName, cancellationToken: cancellationToken).ConfigureAwait(false);
        var master = new ContainerProperties(options.ContainerName, "/sku") { IndexingPolicy = MasterIndexingPolicy() };
        Container stock = await database.CreateContainerIfNotExistsAsync(master, cancellationToken: cancellationToken).ConfigureAwait(false);
        Container leases = await database.CreateContainerIfNotExistsAsync(new ContainerProperties(options.LeaseContainerName, "/id"), cancellationToken: cancellationToken).ConfigureAwait(false);
        return (stock, leases);
    }
}
