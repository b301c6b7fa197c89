using Azure.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServerlessInventory.Adapters.ServiceBus.Tests.Support;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Adapters.ServiceBus.Tests;

/// <summary>AddServiceBusPublisher: defaults, registrations, and settings refused at start.</summary>
public sealed class PublisherOptionsTests
{
    private static readonly Dictionary<string, string?> _endpointOnly = new() { ["ServiceBus:Endpoint"] = "https://contoso.servicebus.windows.net/" };

    [Fact]
    public void AddServiceBusPublisher_EndpointOnly_DefaultsAreTheDocumentedOnes()
    {
        using var provider = PublisherHarness.BuildServices(_endpointOnly).BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        provider.GetRequiredService<IStartupValidator>().Validate();
        var options = provider.GetRequiredService<IOptions<ServiceBusPublisherOptions>>().Value;

        ServiceBusPublisherOptions.SectionName.ShouldBe("ServiceBus");
        options.TopicName.ShouldBe("inventory-events");
        options.ConnectionString.ShouldBeNull();
        options.MaxBatchBytes.ShouldBe(256 * 1024);
        options.MaxRetryAttempts.ShouldBe(5);
        options.RetryDelay.ShouldBe(TimeSpan.FromMilliseconds(500));
        options.MaxRetryAfter.ShouldBe(TimeSpan.FromSeconds(30));
        options.AttemptTimeout.ShouldBe(TimeSpan.FromSeconds(30));
        options.SasTokenLifetime.ShouldBe(TimeSpan.FromMinutes(30));
        options.ResolveTopicUri().ShouldBe(new Uri("https://contoso.servicebus.windows.net/inventory-events"));
    }

    [Fact]
    public void AddServiceBusPublisher_NoConnectionString_EntraIdTokensAndThePublisherAsTheSingletonPort()
    {
        using var provider = PublisherHarness.BuildServices(_endpointOnly).BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        provider.GetRequiredService<IServiceBusTokenSource>().ShouldBeOfType<EntraIdTokenSource>();
        provider.GetRequiredService<TokenCredential>().ShouldBeOfType<Azure.Identity.DefaultAzureCredential>();
        var publisher = provider.GetRequiredService<IEventPublisher>();
        publisher.ShouldBeOfType<ServiceBusRestPublisher>();
        provider.GetRequiredService<IEventPublisher>().ShouldBeSameAs(publisher);
    }

    [Fact]
    public void AddServiceBusPublisher_ConnectionStringOnly_SasTokensAndTheHttpsEndpointFromIt()
    {
        using var provider = PublisherHarness.BuildServices(new() { ["ServiceBus:ConnectionString"] = "Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=abc" })
            .BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();

        provider.GetRequiredService<IServiceBusTokenSource>().ShouldBeOfType<SasTokenSource>();
        provider.GetRequiredService<IOptions<ServiceBusPublisherOptions>>().Value.ResolveTopicUri()
            .ShouldBe(new Uri("https://contoso.servicebus.windows.net/inventory-events"));
    }

    [Theory]
    [InlineData("MaxBatchBytes", "100")]
    [InlineData("MaxBatchBytes", "2000000")]
    [InlineData("MaxRetryAttempts", "-1")]
    [InlineData("MaxRetryAttempts", "11")]
    [InlineData("RetryDelay", "00:02:00")]
    [InlineData("AttemptTimeout", "00:00:00.010")]
    [InlineData("SasTokenLifetime", "00:00:10")]
    [InlineData("TopicName", "")]
    [InlineData("Endpoint", "ftp://contoso/")]
    [InlineData("ConnectionString", "Endpoint=sb://contoso/;SharedAccessKeyName=send")]
    public void AddServiceBusPublisher_SettingOutOfRange_StartupValidationFailsNamingIt(string option, string value)
    {
        var settings = new Dictionary<string, string?>(_endpointOnly) { [$"ServiceBus:{option}"] = value };
        using var provider = PublisherHarness.BuildServices(settings).BuildServiceProvider();

        var failure = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        failure.OptionsType.ShouldBe(typeof(ServiceBusPublisherOptions));
        failure.Message.ShouldContain(option);
    }

    [Fact]
    public void AddServiceBusPublisher_NeitherEndpointNorConnectionString_StartupValidationFails()
    {
        using var provider = PublisherHarness.BuildServices([]).BuildServiceProvider();

        Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate()).Message.ShouldContain("Endpoint");
    }

    [Fact]
    public void AddServiceBusPublisher_BadConnectionString_ValidationMessageNeverShowsTheKey()
    {
        var settings = new Dictionary<string, string?>(_endpointOnly) { ["ServiceBus:ConnectionString"] = "SharedAccessKeyName=send;SharedAccessKey=TOPSECRET" };
        using var provider = PublisherHarness.BuildServices(settings).BuildServiceProvider();

        Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate()).Message.ShouldNotContain("TOPSECRET");
    }
}
