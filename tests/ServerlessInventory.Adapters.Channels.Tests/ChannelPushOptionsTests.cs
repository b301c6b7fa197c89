using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ServerlessInventory.Adapters.Channels.Tests.Support;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Adapters.Channels.Tests;

/// <summary>AddChannelPush: what it registers, the documented defaults, and settings refused at start.</summary>
public sealed class ChannelPushOptionsTests
{
    private static readonly Dictionary<string, string?> _none = [];

    [Fact]
    public void AddChannelPush_NoSettings_DefaultsAreTheDocumentedOnes()
    {
        using var provider = PushHarness.BuildServices(_none).BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        provider.GetRequiredService<IStartupValidator>().Validate();
        var options = provider.GetRequiredService<IOptions<ChannelPushOptions>>().Value;

        options.MaxRetryAttempts.ShouldBe(3);
        options.RetryDelay.ShouldBe(TimeSpan.FromMilliseconds(200));
        options.AttemptTimeout.ShouldBe(TimeSpan.FromSeconds(5));
        options.FailureRatio.ShouldBe(0.5);
        options.MinimumThroughput.ShouldBe(4);
        options.SamplingDuration.ShouldBe(TimeSpan.FromSeconds(30));
        options.BreakDuration.ShouldBe(TimeSpan.FromSeconds(2));
        (options.RequestsPerSecond, options.MaxConcurrentRequests, options.QueueLimit).ShouldBe((1000, 16, 10_000));
        options.MaxRetryAfter.ShouldBe(TimeSpan.FromMinutes(10));
        options.Channels.ShouldBeEmpty();
        ChannelPushOptions.SectionName.ShouldBe("ChannelPush");
    }

    [Fact]
    public void LimitsOf_ChannelWithAnOverride_ItsOwnValuesAndTheDefaultForWhatItLeavesOut()
    {
        var options = new ChannelPushOptions { RequestsPerSecond = 40, MaxConcurrentRequests = 6 };
        options.Channels["marketplace"] = new ChannelRateLimitOptions { RequestsPerSecond = 2 };

        options.LimitsOf("marketplace").ShouldBe((2, 6));
        options.LimitsOf("web").ShouldBe((40, 6));
    }

    [Fact]
    public void AddChannelPush_Settings_BoundFromTheChannelPushSection()
    {
        using var harness = new PushHarness(new Core.Availability.CatalogOptions());

        var options = harness.Options;

        options.MaxRetryAttempts.ShouldBe(2);
        options.RetryDelay.ShouldBe(TimeSpan.FromMilliseconds(10));
        options.AttemptTimeout.ShouldBe(TimeSpan.FromMilliseconds(500));
        options.FailureRatio.ShouldBe(0.5);
        options.MinimumThroughput.ShouldBe(2);
        options.SamplingDuration.ShouldBe(TimeSpan.FromSeconds(2));
        options.BreakDuration.ShouldBe(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void AddChannelPush_Registrations_SinkIsTheSingletonDispatcherWithItsNamedClients()
    {
        using var provider = PushHarness.BuildServices(_none).BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        var sink = provider.GetRequiredService<IAvailabilitySink>();

        sink.ShouldBeOfType<ChannelPushDispatcher>();
        provider.GetRequiredService<IAvailabilitySink>().ShouldBeSameAs(sink);
        provider.GetRequiredService<IChannelLevelSource>().ShouldBeOfType<ChannelLevelSourceDispatcher>();
        using var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient(ChannelPushSink.HttpClientName);
        client.ShouldNotBeNull();
    }

    [Theory]
    [InlineData("FailureRatio", "2")]
    [InlineData("FailureRatio", "0")]
    [InlineData("MaxRetryAttempts", "-1")]
    [InlineData("MaxRetryAttempts", "11")]
    [InlineData("RetryDelay", "00:01:01")]
    [InlineData("AttemptTimeout", "00:00:00.050")]
    [InlineData("AttemptTimeout", "00:02:00")]
    [InlineData("MinimumThroughput", "1")]
    [InlineData("SamplingDuration", "00:00:00.100")]
    [InlineData("BreakDuration", "00:00:00.100")]
    [InlineData("BreakDuration", "00:11:00")]
    public void AddChannelPush_SettingOutOfRange_StartupValidationFailsNamingIt(string option, string value)
    {
        using var provider = PushHarness.BuildServices(new Dictionary<string, string?> { [$"ChannelPush:{option}"] = value }).BuildServiceProvider();

        var failure = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        failure.OptionsType.ShouldBe(typeof(ChannelPushOptions));
        failure.Message.ShouldContain(option);
        Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ChannelPushOptions>>().Value).Message.ShouldContain(option);
    }

    [Fact]
    public async Task AddChannelPush_InvalidSettingInAHost_HostFailsToStart()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ChannelPush:FailureRatio"] = "2" });
        builder.Services.AddSingleton(TimeProvider.System).AddSingleton<IInventoryCatalogSource>(new FixedCatalogSource(Core.Availability.InventoryCatalog.Empty));
        builder.Services.AddChannelPush(builder.Configuration);
        using var host = builder.Build();

        var failure = await Should.ThrowAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        failure.Message.ShouldContain("FailureRatio");
    }

    [Theory]
    [InlineData("MaxRetryAttempts", "0")]
    [InlineData("MaxRetryAttempts", "10")]
    [InlineData("RetryDelay", "00:00:00")]
    [InlineData("AttemptTimeout", "00:00:00.100")]
    [InlineData("FailureRatio", "1")]
    [InlineData("FailureRatio", "0.01")]
    [InlineData("MinimumThroughput", "2")]
    [InlineData("SamplingDuration", "00:00:00.500")]
    [InlineData("BreakDuration", "00:10:00")]
    public async Task AddChannelPush_SettingAtTheEdgeOfItsRange_AcceptedAndPushes(string option, string value)
    {
        await using var receiver = await ChannelReceiver.StartAsync(TestContext.Current.CancellationToken);
        var catalog = new Core.Availability.CatalogOptions();
        catalog.Channels["web"] = new Core.Availability.ChannelOptions { PushUrl = receiver.UrlFor("web") };

        // The harness validates as a host does; the push builds the channel's pipeline, which Polly validates too.
        using var harness = new PushHarness(catalog, new Dictionary<string, string?> { [$"ChannelPush:{option}"] = value });
        await harness.PushAsync("web");

        // The push was delivered under the setting. How often it arrived is not this test's question: at a 100 ms
        // attempt timeout a cold first request (JIT, connection set-up, a busy machine) is retried, as it should be.
        receiver.Received.ShouldNotBeEmpty();
        receiver.Received.ShouldAllBe(p => p.BodyText == receiver.Received[0].BodyText);
        receiver.Received[0].BodyText.ShouldContain("\"version\":1");
    }
}
