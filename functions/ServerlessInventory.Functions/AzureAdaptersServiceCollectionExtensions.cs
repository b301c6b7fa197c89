using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ServerlessInventory.Adapters.Channels;
using ServerlessInventory.Adapters.Cosmos;
using ServerlessInventory.Adapters.ServiceBus;
using ServerlessInventory.Adapters.Tables;
using ServerlessInventory.Core.Availability;

namespace ServerlessInventory.Functions;

public static class AzureAdaptersServiceCollectionExtensions
{
    /// <summary>
    /// Every port on its Azure service, as the deployed function app runs: the master and its change feed on Cosmos DB
    /// (<c>Cosmos:*</c>), the repositories on Table storage (<c>Tables:*</c>), accepted events to the Service Bus topic
    /// (<c>ServiceBus:*</c>), availability pushed to channels over HTTP (<c>ChannelPush:*</c>), and the channel registry
    /// laid over the configured catalog (<c>ChannelRegistry:*</c>). Each signs in with the app's managed identity
    /// (<c>DefaultAzureCredential</c>). Called by Program.cs after <see cref="FunctionsServiceCollectionExtensions.AddServerlessInventoryFunctions"/>.
    /// </summary>
    public static IServiceCollection AddAzureAdapters(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCosmosInventoryStore(configuration);
        services.AddTablesAdapters(configuration);
        services.AddServiceBusPublisher(configuration);
        services.AddChannelPush(configuration);
        services.AddRegistryCatalogSource(configuration);
        return services;
    }
}
