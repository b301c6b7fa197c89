using Azure.Identity;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ServerlessInventory.Adapters.Channels;
using ServerlessInventory.Adapters.Cosmos;
using ServerlessInventory.Adapters.Sqlite;
using ServerlessInventory.Core.Application;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Benchmarks;

/// <summary>
/// Core's handlers over one store, wired by the product's own DI registrations, the real clock and Core's default
/// options: over a fresh SQLite file (as <see cref="BenchHost"/>), or over a fresh Cosmos DB container through the
/// product's client factory in Gateway mode with a <see cref="RequestCounter"/> under the SDK.
/// </summary>
internal sealed class StoreHost : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly Func<ValueTask> _cleanUp;

    private StoreHost(string store, ServiceProvider provider, RequestCounter? requests, Func<ValueTask> cleanUp)
    {
        Store = store;
        _provider = provider;
        Requests = requests;
        _cleanUp = cleanUp;
    }

    public const string Sqlite = "SQLite";
    public const string Cosmos = "Cosmos";

    /// <summary><see cref="Sqlite"/> or <see cref="Cosmos"/>.</summary>
    public string Store { get; }

    /// <summary>The requests on the wire (Cosmos only).</summary>
    public RequestCounter? Requests { get; }

    public ApplyEventsHandler Apply => _provider.GetRequiredService<ApplyEventsHandler>();

    public ReserveHandler Reserve => _provider.GetRequiredService<ReserveHandler>();

    public QueryInventoryHandler Query => _provider.GetRequiredService<QueryInventoryHandler>();

    /// <summary>Everything the host wired, for suites that need more than the handlers above.</summary>
    public IServiceProvider Services => _provider;

    /// <summary>The store itself, for verification through the port.</summary>
    public IInventoryStore Port => _provider.GetRequiredService<IInventoryStore>();

    public static StoreHost ForSqlite(string databasePath)
    {
        BenchHost.DeleteDatabase(databasePath);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(BenchHost.Settings(databasePath)).Build();
        var provider = new ServiceCollection()
            .AddSingleton(TimeProvider.System)
            .AddLogging()
            .AddSqliteAdapters(configuration)
            .AddChannelPush(configuration)
            .AddInventoryCore(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        return new StoreHost(Sqlite, provider, null, async () =>
        {
            await provider.DisposeAsync();
            BenchHost.DeleteDatabase(databasePath);
        });
    }

    /// <summary>
    /// A new database and container on <paramref name="endpoint"/>, deleted again on dispose. <paramref name="more"/> adds
    /// ports the Cosmos adapter does not provide (its registrations come first, so the master stays on Cosmos DB).
    /// </summary>
    public static async Task<StoreHost> ForCosmosAsync(
        Uri endpoint, string accountKey, string databaseName, IReadOnlyDictionary<string, string?>? overrides = null, Action<IServiceCollection, IConfiguration>? more = null)
    {
        var options = new CosmosOptions
        {
            AccountEndpoint = endpoint,
            AccountKey = accountKey,
            ConnectionMode = ConnectionMode.Gateway,
            DatabaseName = databaseName,
        };
        var requests = new RequestCounter();
        // Key auth: the credential is never asked for a token.
        var client = CosmosClientFactory.Create(options, new DefaultAzureCredential(), requests.Wrap);
        await CosmosSetup.CreateIfNotExistsAsync(client, options, CancellationToken.None);
        var settings = BenchHost.Settings("unused.db");
        settings.Remove("Sqlite:DatabasePath");
        settings["Cosmos:AccountEndpoint"] = endpoint.AbsoluteUri;
        settings["Cosmos:DatabaseName"] = databaseName;
        settings["Cosmos:ConnectionMode"] = nameof(ConnectionMode.Gateway);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        // The client registered first is the one AddCosmosInventoryStore keeps (it only adds a client when none is there).
        var services = new ServiceCollection()
            .AddSingleton(TimeProvider.System)
            .AddLogging()
            .AddSingleton(client)
            .AddCosmosInventoryStore(configuration);
        more?.Invoke(services, configuration);
        var provider = services
            .AddInventoryCore(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = false, ValidateScopes = true });
        return new StoreHost(Cosmos, provider, requests, async () =>
        {
            requests.Enabled = false;
            try
            {
                await client.GetDatabase(databaseName).DeleteAsync();
            }
            catch (CosmosException)
            {
                // Best effort: the stand-in keeps everything in memory and stops with the run anyway.
            }
            await provider.DisposeAsync();
            client.Dispose();
        });
    }

    public ValueTask DisposeAsync() => _cleanUp();
}
