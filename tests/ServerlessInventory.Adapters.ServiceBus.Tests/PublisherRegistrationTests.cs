using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Adapters.ServiceBus.Tests;

/// <summary>AddServiceBusPublisher: the documented defaults, one client and sender, and settings refused at start.</summary>
public sealed class PublisherRegistrationTests
{
    private static readonly Dictionary<string, string?> NamespaceOnly = new() { ["ServiceBus:FullyQualifiedNamespace"] = "contoso.servicebus.windows.net" };

    private static ServiceProvider Build(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddLogging()
            .AddServiceBusPublisher(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

    [Fact]
    public async Task AddServiceBusPublisher_NamespaceOnly_DefaultsAreTheDocumentedOnesAndTheSdkRetriesWithThem()
    {
        await using var provider = Build(NamespaceOnly);

        provider.GetRequiredService<IStartupValidator>().Validate();
        var options = provider.GetRequiredService<IOptions<ServiceBusPublisherOptions>>().Value;
        options.TopicName.ShouldBe("inventory-events");
        options.PartitionedTopic.ShouldBeFalse();
        var retry = options.ToRetryOptions();
        (retry.Mode, retry.MaxRetries, retry.Delay, retry.MaxDelay, retry.TryTimeout)
            .ShouldBe((ServiceBusRetryMode.Exponential, 5, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30)));
        var client = provider.GetRequiredService<ServiceBusClient>();
        client.FullyQualifiedNamespace.ShouldBe("contoso.servicebus.windows.net");
        provider.GetRequiredService<ServiceBusSender>().EntityPath.ShouldBe("inventory-events");
        provider.GetRequiredService<IEventPublisher>().ShouldBeOfType<ServiceBusEventPublisher>()
            .ShouldBeSameAs(provider.GetRequiredService<IEventPublisher>());
    }

    [Fact]
    public async Task AddServiceBusPublisher_ConnectionString_TheClientTakesItsNamespace()
    {
        await using var provider = Build(new() { ["ServiceBus:ConnectionString"] = "Endpoint=sb://local.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=abc" });

        provider.GetRequiredService<IStartupValidator>().Validate();
        provider.GetRequiredService<ServiceBusClient>().FullyQualifiedNamespace.ShouldBe("local.servicebus.windows.net");
    }

    [Theory]
    [InlineData("MaxRetryAttempts", "-1")]
    [InlineData("MaxRetryAttempts", "11")]
    [InlineData("RetryDelay", "00:02:00")]
    [InlineData("MaxRetryDelay", "00:10:00")]
    [InlineData("AttemptTimeout", "00:00:00.010")]
    [InlineData("TopicName", "")]
    [InlineData("FullyQualifiedNamespace", "not a host")]
    [InlineData("ConnectionString", "Endpoint=sb://contoso/;SharedAccessKeyName=send")]
    public async Task AddServiceBusPublisher_SettingOutOfRange_StartupValidationFailsNamingIt(string option, string value)
    {
        await using var provider = Build(new(NamespaceOnly) { [$"ServiceBus:{option}"] = value });

        var failure = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        failure.OptionsType.ShouldBe(typeof(ServiceBusPublisherOptions));
        failure.Message.ShouldContain(option);
    }

    [Fact]
    public async Task AddServiceBusPublisher_NeitherNamespaceNorConnectionString_StartupValidationFails()
    {
        await using var provider = Build([]);

        Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate()).Message.ShouldContain("FullyQualifiedNamespace");
    }

    [Fact]
    public async Task AddServiceBusPublisher_BadConnectionString_ValidationMessageNeverShowsTheKey()
    {
        await using var provider = Build(new(NamespaceOnly) { ["ServiceBus:ConnectionString"] = "SharedAccessKeyName=send;SharedAccessKey=TOPSECRET" });

        Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate()).Message.ShouldNotContain("TOPSECRET");
    }
}
