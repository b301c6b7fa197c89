using System.Collections.Concurrent;
using Microsoft.Azure.Cosmos;
using ServerlessInventory.Testing.Emulators;

namespace ServerlessInventory.Adapters.Cosmos.Tests.StandIn;

/// <summary>
/// Base of the SDK-level tests of the Cosmos DB stand-in: the real .NET SDK, as the store uses it, against the
/// assembly's endpoint. Each test class gets a database of its own with an <c>items</c> container partitioned on
/// <c>/sku</c>; each test uses SKUs of its own (<see cref="NewSku"/>), so tests of one class may run side by side.
/// </summary>
public abstract class StandInTest(CosmosStandIn cosmos) : IAsyncLifetime
{
    private static readonly ConcurrentDictionary<Type, string> DatabaseNames = new();

    protected CosmosStandIn Cosmos { get; } = cosmos;

    protected CosmosClient Client { get; } = cosmos.CreateClient(options =>
        options.SerializerOptions = new CosmosSerializationOptions { PropertyNamingPolicy = CosmosPropertyNamingPolicy.CamelCase });

    protected Database Database { get; private set; } = null!;

    protected Container Items { get; private set; } = null!;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected static string NewSku() => $"SKU-{Guid.NewGuid():N}";

    public virtual async ValueTask InitializeAsync()
    {
        var name = DatabaseNames.GetOrAdd(GetType(), type => CosmosStandIn.UniqueName(type.Name.ToLowerInvariant()));
        Database = (await Client.CreateDatabaseIfNotExistsAsync(name, cancellationToken: Ct)).Database;
        Items = (await Database.CreateContainerIfNotExistsAsync("items", "/sku", cancellationToken: Ct)).Container;
    }

    public ValueTask DisposeAsync()
    {
        Client.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>A container of the test's own, for what is container-wide (the change feed).</summary>
    protected async Task<Container> NewContainerAsync(string partitionKeyPath = "/sku") =>
        (await Database.CreateContainerAsync(CosmosStandIn.UniqueName("c"), partitionKeyPath, cancellationToken: Ct)).Container;
}

/// <summary>The document shape the tests write: what the store's documents look like (id, partition key, a type, a version).</summary>
public sealed record StockDoc(string Id, string Sku, string Type, int Version, int Quantity = 0);
