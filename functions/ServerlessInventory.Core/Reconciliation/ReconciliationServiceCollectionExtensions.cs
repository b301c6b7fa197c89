using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Core.Reconciliation;

public static class ReconciliationServiceCollectionExtensions
{
    /// <summary>
    /// Registers the reconciliation handlers with their options (section <c>Reconciliation</c>), validated at start; no
    /// channel answers level queries unless an adapter registers an <see cref="IChannelLevelSource"/>.
    /// </summary>
    public static IServiceCollection AddReconciliation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReconciliationOptions>().Bind(configuration.GetSection(ReconciliationOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<ReconciliationMetrics>();
        services.TryAddSingleton<MasterCorrection>();
        services.TryAddSingleton<IChannelLevelSource, NoChannelLevelSource>();
        services.TryAddSingleton<ChannelLevelPull>();
        services.TryAddSingleton<ComparedSkus>();
        services.TryAddSingleton<ReconcileChannelHandler>();
        services.TryAddSingleton<ReviewHandler>();
        services.TryAddSingleton<ReconciliationRequests>();
        return services;
    }
}
