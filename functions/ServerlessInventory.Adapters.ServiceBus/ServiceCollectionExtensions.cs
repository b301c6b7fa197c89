using Azure.Core;
using Azure.Identity;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Adapters.ServiceBus;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ServiceBusEventPublisher"/> as Core's <see cref="IEventPublisher"/>, with options from
    /// <c>ServiceBus</c> (validated at start): one <see cref="ServiceBusClient"/> (a connection string when set, else
    /// the registered <see cref="TokenCredential"/>, <see cref="DefaultAzureCredential"/> unless one is registered
    /// first) with the SDK's retry options, and one <see cref="ServiceBusSender"/> for the topic.
    /// </summary>
    public static IServiceCollection AddServiceBusPublisher(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ServiceBusPublisherOptions>()
            .Bind(configuration.GetSection(ServiceBusPublisherOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<TokenCredential>(_ => new DefaultAzureCredential());
        services.TryAddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<ServiceBusPublisherOptions>>().Value;
            var clientOptions = new ServiceBusClientOptions { RetryOptions = options.ToRetryOptions() };
            return options.ConnectionString is { Length: > 0 } connectionString
                ? new ServiceBusClient(connectionString, clientOptions)
                : new ServiceBusClient(options.NamespaceHost, provider.GetRequiredService<TokenCredential>(), clientOptions);
        });
        services.TryAddSingleton(provider => provider.GetRequiredService<ServiceBusClient>()
            .CreateSender(provider.GetRequiredService<IOptions<ServiceBusPublisherOptions>>().Value.TopicName));
        services.AddSingleton<IEventPublisher, ServiceBusEventPublisher>();
        return services;
    }

    /// <summary>
    /// Registers <see cref="ServiceBusTopicHealth"/> as Core's <see cref="ITopicHealthSource"/>: the backlog of
    /// <paramref name="subscriptionName"/> on <paramref name="topicName"/>, read on the namespace of the <c>ServiceBus</c>
    /// options (a connection string when set, else the registered <see cref="TokenCredential"/>).
    /// </summary>
    public static IServiceCollection AddServiceBusTopicHealth(this IServiceCollection services, string topicName, string subscriptionName)
    {
        services.TryAddSingleton<TokenCredential>(_ => new DefaultAzureCredential());
        services.AddSingleton<ITopicHealthSource>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<ServiceBusPublisherOptions>>().Value;
            var administration = options.ConnectionString is { Length: > 0 } connectionString
                ? new Azure.Messaging.ServiceBus.Administration.ServiceBusAdministrationClient(connectionString)
                : new Azure.Messaging.ServiceBus.Administration.ServiceBusAdministrationClient(options.NamespaceHost, provider.GetRequiredService<TokenCredential>());
            return new ServiceBusTopicHealth(administration, topicName, subscriptionName);
        });
        return services;
    }
}
