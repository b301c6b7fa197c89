using Azure.Data.Tables;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Options;
using ServerlessInventory.Adapters.Cosmos;
using ServerlessInventory.Adapters.Tables;

namespace ServerlessInventory.LocalRunner.Hosting;

/// <summary>
/// In the Azure mode, creates what the Bicep deployment creates in Azure and a fresh stand-in lacks: the Cosmos DB
/// database with its master and lease containers, and the tables. Registered before every other hosted service, so
/// nothing reads or writes before they exist.
/// </summary>
public sealed partial class AzureStorageSetup(
    CosmosClient cosmos,
    IOptions<CosmosOptions> cosmosOptions,
    TableServiceClient tables,
    IOptions<TablesOptions> tablesOptions,
    ILogger<AzureStorageSetup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = cosmosOptions.Value;
        await CosmosSetup.CreateIfNotExistsAsync(cosmos, options, cancellationToken);
        await TablesAdapter.CreateTablesIfNotExistsAsync(tables, tablesOptions.Value.TablePrefix, cancellationToken);
        LogReady(logger, options.AccountEndpoint!, options.DatabaseName, options.ContainerName, options.LeaseContainerName);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Azure mode: master on Cosmos DB {Endpoint} ({Database}/{Container}, leases in {Leases}); repositories on Table storage")]
    private static partial void LogReady(ILogger logger, Uri endpoint, string database, string container, string leases);
}
