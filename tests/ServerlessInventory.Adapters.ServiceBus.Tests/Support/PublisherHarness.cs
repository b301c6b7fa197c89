using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Adapters.ServiceBus.Tests.Support;

/// <summary>
/// The publisher wired by the product's own AddServiceBusPublisher, pointed at a receiver, with SAS from a test
/// connection string and short retry delays on the real clock.
/// </summary>
public sealed class PublisherHarness : IDisposable
{
    public const string KeyName = "send";

    public const string Key = "c2VjcmV0LWtleS1mb3ItdGVzdHMtb25seQ==";

    private readonly ServiceProvider _provider;

    public PublisherHarness(Uri endpoint, Dictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ServiceBus:Endpoint"] = endpoint.AbsoluteUri,
            ["ServiceBus:ConnectionString"] = $"Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName={KeyName};SharedAccessKey={Key}",
            ["ServiceBus:RetryDelay"] = "00:00:00.010",
            ["ServiceBus:MaxRetryAttempts"] = "3",
            ["ServiceBus:AttemptTimeout"] = "00:00:05",
        };
        foreach (var (name, value) in overrides ?? [])
        {
            settings[name] = value;
        }
        _provider = BuildServices(settings).BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        _provider.GetRequiredService<IStartupValidator>().Validate();
    }

    public IEventPublisher Publisher => _provider.GetRequiredService<IEventPublisher>();

    public static IServiceCollection BuildServices(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddServiceBusPublisher(configuration);
        return services;
    }

    public void Dispose() => _provider.Dispose();
}
