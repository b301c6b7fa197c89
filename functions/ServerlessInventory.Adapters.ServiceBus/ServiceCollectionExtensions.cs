using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Adapters.ServiceBus;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ServiceBusRestPublisher"/> as Core's <see cref="IEventPublisher"/>, with options from
    /// <c>ServiceBus</c> (validated at start). With a connection string requests carry SAS tokens; without one, Entra ID
    /// tokens from the registered <see cref="TokenCredential"/> (<see cref="DefaultAzureCredential"/> unless one is
    /// registered first).
    /// </summary>
    public static IServiceCollection AddServiceBusPublisher(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ServiceBusPublisherOptions>()
            .Bind(configuration.GetSection(ServiceBusPublisherOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TokenCredential>(_ => new DefaultAzureCredential());
        services.TryAddSingleton<IServiceBusTokenSource>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<ServiceBusPublisherOptions>>().Value;
            var time = provider.GetRequiredService<TimeProvider>();
            return options.ConnectionString is { Length: > 0 } connectionString
                ? SasTokenSource.FromConnectionString(ServiceBusConnectionString.Parse(connectionString), options.ResolveTopicUri(), options.SasTokenLifetime, time)
                : new EntraIdTokenSource(provider.GetRequiredService<TokenCredential>(), time);
        });
        services.AddHttpClient(ServiceBusRestPublisher.HttpClientName);
        services.AddSingleton<IEventPublisher, ServiceBusRestPublisher>();
        return services;
    }
}
