using Azure.Identity;
using Microsoft.Azure.Cosmos;
using ServerlessInventory.Testing.Emulators;

namespace ServerlessInventory.Adapters.Cosmos.Tests.Store;

/// <summary>
/// The master container as the product creates it (<see cref="CosmosSetup"/>) through the product's own client
/// (<see cref="CosmosClientFactory"/>), on the assembly's stand-in or on COSMOS_ENDPOINT, in a database of its own.
/// </summary>
internal sealed class CosmosStore : IAsyncDisposable
{
    private CosmosStore(CosmosClient client, Database database, Container master, Container leases)
    {
        Client = client;
        Database = database;
        Master = master;
        Leases = leases;
    }

    public CosmosClient Client { get; }

    public Database Database { get; }

    public Container Master { get; }

    public Container Leases { get; }

    public static async Task<CosmosStore> CreateAsync(CosmosStandIn endpoint, CancellationToken cancellationToken)
    {
        var options = Options(endpoint);
        var client = CosmosClientFactory.Create(options, new DefaultAzureCredential());
        var (master, leases) = await CosmosSetup.CreateIfNotExistsAsync(client, options, cancellationToken);
        return new CosmosStore(client, client.GetDatabase(options.DatabaseName), master, leases);
    }

    /// <summary>Gateway mode and the key: what the stand-in and the emulator accept; a fresh database per store.</summary>
    public static CosmosOptions Options(CosmosStandIn endpoint) => new()
    {
        AccountEndpoint = endpoint.Endpoint,
        AccountKey = endpoint.AccountKey,
        ConnectionMode = ConnectionMode.Gateway,
        DatabaseName = CosmosStandIn.UniqueName("inventory"),
    };

    public async ValueTask DisposeAsync()
    {
        await Database.DeleteStreamAsync();
        Client.Dispose();
    }
}
