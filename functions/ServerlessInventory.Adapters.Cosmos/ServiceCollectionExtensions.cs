using Azure.Core;
using Azure.Identity;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Adapters.Cosmos;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Cosmos DB master as Core's <see cref="IInventoryStore"/>, <see cref="ISkuDirectory"/>, <see cref="IChangeFeed"/> and
    /// <see cref="IReportedLevelStore"/> (channels' reports in their SKU's partition), with options
    /// from <c>Cosmos</c> (validated at start) and one <see cref="CosmosClient"/> for the app's lifetime. Without an
    /// account key it signs in with the registered <see cref="TokenCredential"/> (<see cref="DefaultAzureCredential"/>
    /// unless one is registered first). The database and containers must exist (<see cref="CosmosSetup"/>).
    /// </summary>
    public static IServiceCollection AddCosmosInventoryStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CosmosOptions>().Bind(configuration.GetSection(CosmosOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<TokenCredential>(_ => new DefaultAzureCredential());
        services.TryAddSingleton(provider => CosmosClientFactory.Create(
            provider.GetRequiredService<IOptions<CosmosOptions>>().Value, provider.GetRequiredService<TokenCredential>()));
        services.TryAddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<CosmosOptions>>().Value;
            var client = provider.GetRequiredService<CosmosClient>();
            return new CosmosContainers(client.GetContainer(options.DatabaseName, options.ContainerName), client.GetContainer(options.DatabaseName, options.LeaseContainerName));
        });
        services.TryAddSingleton<IInventoryStore>(provider => new CosmosInventoryStore(provider.GetRequiredService<CosmosContainers>().Master));
        services.TryAddSingleton<ISkuDirectory>(provider => new CosmosSkuDirectory(provider.GetRequiredService<CosmosContainers>().Master));
        services.TryAddSingleton<IChangeFeed>(provider => new CosmosChangeFeed(provider.GetRequiredService<CosmosContainers>().Master));
        services.TryAddSingleton<IReportedLevelStore>(provider => new CosmosReportedLevelStore(provider.GetRequiredService<CosmosContainers>().Master));
        return services;
    }
}

/// <summary>The master container and the change feed processor's lease container.</summary>
public sealed record CosmosContainers(Container Master, Container Leases);
