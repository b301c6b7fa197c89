using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ServerlessInventory.Core.Reconciliation;

public static class ReconciliationServiceCollectionExtensions
{
    /// <summary>Registers the reconciliation handlers with their options (section <c>Reconciliation</c>), validated at start.</summary>
    public static IServiceCollection AddReconciliation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReconciliationOptions>().Bind(configuration.GetSection(ReconciliationOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<ReconciliationMetrics>();
        services.TryAddSingleton<MasterCorrection>();
        services.TryAddSingleton<ReconcileChannelHandler>();
        services.TryAddSingleton<ReviewHandler>();
        services.TryAddSingleton<ReconciliationRequests>();
        return services;
    }
}
