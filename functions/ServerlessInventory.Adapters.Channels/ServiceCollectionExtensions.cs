using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Adapters.Channels;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers the HTTP push sink as Core's <see cref="IAvailabilitySink"/>, with options from <c>ChannelPush</c>, and
    /// its circuits as Core's <see cref="IChannelCircuitState"/>, the HTTP level query as its <see cref="IChannelLevelSource"/> (for channels with a <c>LevelsUrl</c>).
    /// </summary>
    public static IServiceCollection AddChannelPush(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ChannelPushOptions>().Bind(configuration.GetSection(ChannelPushOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(ChannelPushSink.HttpClientName);
        services.AddSingleton<ChannelPushSink>();
        services.AddSingleton<IAvailabilitySink>(sp => sp.GetRequiredService<ChannelPushSink>());
        services.AddSingleton<IChannelCircuitState>(sp => sp.GetRequiredService<ChannelPushSink>());
        services.AddHttpClient(HttpChannelLevelSource.HttpClientName);
        services.AddSingleton<IChannelLevelSource, HttpChannelLevelSource>();
        return services;
    }
}
