using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServerlessInventory.Adapters.Channels;
using ServerlessInventory.Adapters.Cosmos;
using ServerlessInventory.Adapters.ServiceBus;
using ServerlessInventory.Adapters.Tables;
using ServerlessInventory.Core.Availability;

namespace ServerlessInventory.FunctionApp;

public static class AzureAdaptersServiceCollectionExtensions
{
    /// <summary>
    /// Every port on its Azure service, as the deployed function app runs: the master and its change feed on Cosmos DB
    /// (<c>Cosmos:*</c>), the repositories on Table storage (<c>Tables:*</c>), accepted events to the Service Bus topic
    /// (<c>ServiceBus:*</c>) whose apply subscription's backlog the health report reads, availability pushed to channels over HTTP (<c>ChannelPush:*</c>), and the channel registry
    /// laid over the configured catalog (<c>ChannelRegistry:*</c>). Each signs in with the app's system-assigned managed
    /// identity (<see cref="ManagedIdentityCredential"/>) unless a <see cref="TokenCredential"/> was registered before. Called by Program.cs after <c>AddServerlessInventoryFunctions</c>.
    /// </summary>
    public static IServiceCollection AddAzureAdapters(this IServiceCollection services, IConfiguration configuration)
    {
        // The app's system-assigned identity, asked for directly: DefaultAzureCredential would probe its whole chain at
        // start and could pick up an environment credential nobody meant to grant the app.
        services.TryAddSingleton<TokenCredential>(_ => new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned));
        services.AddCosmosInventoryStore(configuration);
        services.AddTablesAdapters(configuration);
        services.AddServiceBusPublisher(configuration);
        // The health report reads the same subscription the apply trigger reads, named by the same app settings.
        services.AddServiceBusTopicHealth(
            configuration[Functions.AppSettings.InventoryEventsTopic] ?? "inventory-events",
            configuration[Functions.AppSettings.InventoryEventsSubscription] ?? "apply");
        services.AddChannelPush(configuration);
        services.AddRegistryCatalogSource(configuration);
        return services;
    }
}
