using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServerlessInventory.Adapters.Channels.Shopify;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Adapters.Channels;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers Core's <see cref="IAvailabilitySink"/> (<see cref="ChannelPushDispatcher"/>: Shopify channels through
    /// their Admin API, the others over HTTP), with options from <c>ChannelPush</c>, the HTTP sink's circuits as Core's
    /// <see cref="IChannelCircuitState"/>, and its
    /// <see cref="IChannelLevelSource"/> (Shopify's levels, or a channel's <c>LevelsUrl</c>).
    /// </summary>
    public static IServiceCollection AddChannelPush(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ChannelPushOptions>().Bind(configuration.GetSection(ChannelPushOptions.SectionName)).ValidateDataAnnotations()
            .Validate(o => o.Channels.Values.All(c => System.ComponentModel.DataAnnotations.Validator.TryValidateObject(c, new(c), null, validateAllProperties: true)), "ChannelPush:Channels: a channel's RequestsPerSecond (0.1 to 100,000) or MaxConcurrentRequests (1 to 1,024) is out of range")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddHttpClient(ChannelPushSink.HttpClientName);
        services.AddHttpClient(ShopifyAdminClient.HttpClientName);
        services.AddSingleton<ChannelPushSink>();
        services.AddSingleton<ShopifyCostLimiter>();
        services.AddSingleton<ShopifyAdminClient>();
        services.AddSingleton<ShopifyPushSink>();
        services.AddSingleton<ChannelPushMetrics>();
        services.AddSingleton<IAvailabilitySink, ChannelPushDispatcher>();
        services.AddSingleton<IChannelCircuitState>(sp => sp.GetRequiredService<ChannelPushSink>());
        services.AddHttpClient(HttpChannelLevelSource.HttpClientName);
        services.AddSingleton<HttpChannelLevelSource>();
        services.AddSingleton<ShopifyLevelSource>();
        services.AddSingleton<IChannelLevelSource, ChannelLevelSourceDispatcher>();
        return services;
    }
}
