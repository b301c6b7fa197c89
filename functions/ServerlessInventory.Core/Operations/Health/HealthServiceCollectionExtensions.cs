using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Core.Operations.Health;

public static class HealthServiceCollectionExtensions
{
    /// <summary>
    /// Registers the health handler, its in-process windows and the sampler, with options from <c>Health</c> validated
    /// at start. Circuit states and the topic reading are unknown unless an adapter registers
    /// <see cref="IChannelCircuitState"/> or the host an <see cref="ITopicHealthSource"/>.
    /// </summary>
    public static IServiceCollection AddHealth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HealthOptions>().Bind(configuration.GetSection(HealthOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<WebhookWindow>();
        services.TryAddSingleton<ApplyLagWindow>();
        services.TryAddSingleton<PushOutcomes>();
        services.TryAddSingleton<IChannelCircuitState, NoChannelCircuits>();
        services.TryAddSingleton<ITopicHealthSource, NoTopicHealthSource>();
        services.TryAddSingleton<HealthHandler>();
        services.TryAddSingleton<HealthSampler>();
        return services;
    }
}
