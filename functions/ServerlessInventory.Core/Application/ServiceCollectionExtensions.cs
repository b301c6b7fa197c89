using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ServerlessInventory.Core.Availability;
using ServerlessInventory.Core.Operations;
using ServerlessInventory.Core.Operations.Health;
using ServerlessInventory.Core.Ports;
using ServerlessInventory.Core.Reconciliation;

namespace ServerlessInventory.Core.Application;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers Core's handlers with their options bound from <paramref name="configuration"/> and
    /// validated at start. The host registers the ports (store, change feed, publisher, sink).
    /// </summary>
    public static IServiceCollection AddInventoryCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<InventoryOptions>().Bind(configuration.GetSection(InventoryOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ReservationOptions>().Bind(configuration.GetSection(ReservationOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CatalogOptions>().Bind(configuration.GetSection(CatalogOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CatalogOptions>, CatalogOptionsValidator>());

        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IInventoryCatalogSource, ConfiguredCatalogSource>();
        services.TryAddSingleton<InventoryMetrics>();
        services.TryAddSingleton<SkuUnitOfWork>();
        services.TryAddSingleton<ReservationBatcher>();
        services.TryAddSingleton<ApplyEventsHandler>();
        services.TryAddSingleton<ReserveHandler>();
        services.TryAddSingleton<ReservationLifecycleHandler>();
        services.TryAddSingleton<ExpireReservationsHandler>();
        services.TryAddSingleton<QueryInventoryHandler>();
        services.TryAddSingleton<QueryAvailabilityHandler>();
        services.TryAddSingleton<QueryLedgerHandler>();
        services.TryAddSingleton<QuerySkuPushesHandler>();
        services.TryAddSingleton<ResolveChannelSkuHandler>();
        services.TryAddSingleton<IngestWebhookHandler>();
        services.TryAddSingleton<ReplayParkedEventHandler>();
        services.TryAddSingleton<ReplayDeadLetterHandler>();
        services.TryAddSingleton<PushAvailabilityHandler>();
        services.TryAddSingleton<ChannelRegistryHandler>();
        services.TryAddSingleton<StuckEventsHandler>();
        services.AddHealth(configuration);
        services.AddReconciliation(configuration);
        return services;
    }
}
