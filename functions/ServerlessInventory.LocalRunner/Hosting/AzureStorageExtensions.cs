using ServerlessInventory.Adapters.Cosmos;
using ServerlessInventory.Adapters.Tables;
using ServerlessInventory.LocalRunner.ChangeFeed;

namespace ServerlessInventory.LocalRunner.Hosting;

public static class AzureStorageExtensions
{
    /// <summary>
    /// The runner's Azure mode: the Cosmos DB master (<c>Cosmos:*</c>) with the change feed processor in place of the
    /// SQLite change-log pump, and the Table storage repositories (<c>Tables:*</c>). The database, containers and
    /// tables are created at start when missing, before anything else runs.
    /// </summary>
    public static IServiceCollection AddAzureStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCosmosInventoryStore(configuration);
        services.AddTablesAdapters(configuration);
        services.AddHostedService<AzureStorageSetup>();
        services.AddHostedService<CosmosChangeFeedHost>();
        return services;
    }
}
