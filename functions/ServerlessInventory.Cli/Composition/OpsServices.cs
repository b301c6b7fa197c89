using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServerlessInventory.Adapters.Channels;
using ServerlessInventory.Adapters.Cosmos;
using ServerlessInventory.Adapters.Sqlite;
using ServerlessInventory.Core.Application;
using ServerlessInventory.Core.Availability;

namespace ServerlessInventory.Cli.Composition;

/// <summary>
/// Composes Core and one store's adapters exactly as the runner does (the adapters' own <c>Add...</c> methods, the
/// same settings names), so every rule the tool triggers is the app's.
/// </summary>
internal static class OpsServices
{
    public static IConfiguration Configuration(string? settingsFile)
    {
        var builder = new ConfigurationBuilder();
        if (settingsFile is not null)
        {
            if (!File.Exists(settingsFile))
            {
                throw new OpsUsageException("--settings", $"{settingsFile}: no such file");
            }
            builder.AddJsonFile(Path.GetFullPath(settingsFile), optional: false);
        }
        return builder.AddEnvironmentVariables().Build();
    }

    /// <summary>
    /// Core over the master at <paramref name="location"/>; with <paramref name="repositories"/> also the embedded
    /// repositories and local topic (parked events, dead letters, channel registry) as the runner composes them; with
    /// <paramref name="pushes"/> also the channels' HTTP push sink and level source, for what pushes to channels.
    /// </summary>
    public static async Task<ServiceProvider> BuildAsync(StoreLocation location, IConfiguration configuration, CancellationToken cancellationToken, bool repositories = false, bool pushes = false)
    {
        var overrides = new Dictionary<string, string?>();
        if (location.Kind == StoreKind.Sqlite)
        {
            overrides["Sqlite:DatabasePath"] = location.SqlitePath;
        }
        var effective = new ConfigurationBuilder().AddConfiguration(configuration).AddInMemoryCollection(overrides).Build();

        var services = new ServiceCollection();
        // Adapters log through ILogger; the tool reports on its console, so no provider is added.
        services.AddLogging();
        services.AddInventoryCore(effective);
        if (pushes)
        {
            services.AddChannelPush(effective);
        }
        if (location.Kind == StoreKind.Sqlite && repositories)
        {
            services.AddSqliteAdapters(effective);
            // As the runner does: channels registered at run time are laid over the configured ones.
            services.AddRegistryCatalogSource(effective);
        }
        else if (location.Kind == StoreKind.Sqlite)
        {
            services.AddSqliteInventoryStore(effective);
        }
        else
        {
            services.AddCosmosInventoryStore(effective);
        }
        var provider = services.BuildServiceProvider();
        try
        {
            ValidateOptions(provider, location);
            if (location.Kind == StoreKind.Cosmos)
            {
                // As the runner's Azure mode does at start: a fresh account gets its database and containers.
                await CosmosSetup.CreateIfNotExistsAsync(
                    provider.GetRequiredService<CosmosClient>(), provider.GetRequiredService<IOptions<CosmosOptions>>().Value, cancellationToken).ConfigureAwait(false);
            }
            return provider;
        }
        catch
        {
            await provider.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    // ValidateOnStart belongs to a host; without one, reading each Value validates it before anything is written.
    private static void ValidateOptions(ServiceProvider provider, StoreLocation location)
    {
        _ = provider.GetRequiredService<IOptions<InventoryOptions>>().Value;
        _ = provider.GetRequiredService<IOptions<CatalogOptions>>().Value;
        if (location.Kind == StoreKind.Sqlite)
        {
            _ = provider.GetRequiredService<IOptions<SqliteOptions>>().Value;
        }
        else
        {
            _ = provider.GetRequiredService<IOptions<CosmosOptions>>().Value;
        }
    }
}
