using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServerlessInventory.Core.Ports;
using Shouldly;
using Xunit;
using static ServerlessInventory.Testing.EventFactory;

namespace ServerlessInventory.Adapters.Sqlite.Tests;

public sealed class ServiceCollectionExtensionsTests : IDisposable
{
    private readonly TempDatabase _file = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AddSqliteAdapters_Configured_ResolvesEveryPortOnOneDatabase()
    {
        using var provider = Provider(new() { ["LocalTopic:LockDuration"] = "00:00:10", ["LocalTopic:MaxDeliveryCount"] = "3" });

        var topic = provider.GetRequiredService<SqliteEventTopic>();
        provider.GetRequiredService<IEventPublisher>().ShouldBeSameAs(topic);
        provider.GetRequiredService<IInventoryStore>().ShouldBeOfType<SqliteInventoryStore>();
        provider.GetRequiredService<IChangeFeed>().ShouldBeOfType<SqliteChangeFeed>();
        provider.GetRequiredService<IParkedEventStore>().ShouldBeOfType<SqliteParkedEventStore>();
        provider.GetRequiredService<IDeadLetterStore>().ShouldBeOfType<SqliteDeadLetterStore>();
        provider.GetRequiredService<IPushStateStore>().ShouldBeOfType<SqlitePushStateStore>();
        provider.GetRequiredService<IChannelRegistry>().ShouldBeOfType<SqliteChannelRegistry>();
        provider.GetRequiredService<IReconciliationReportStore>().ShouldBeOfType<SqliteReconciliationReportStore>();
        var options = provider.GetRequiredService<IOptions<LocalTopicOptions>>().Value;
        options.LockDuration.ShouldBe(TimeSpan.FromSeconds(10));
        options.MaxDeliveryCount.ShouldBe(3);
        options.RedeliveryDelay.ShouldBe(TimeSpan.FromSeconds(1));
        options.DuplicateDetectionWindow.ShouldBe(TimeSpan.FromDays(1));

        await provider.GetRequiredService<IEventPublisher>().PublishAsync([Received(NewSku(), "dc-1", 1)], Cancellation);
        (await topic.CountPendingAsync(Cancellation)).ShouldBe(1);
        provider.GetRequiredService<SqliteDatabase>().Path.ShouldBe(_file.Path);
    }

    [Theory]
    [InlineData("LocalTopic:MaxDeliveryCount", "0")]
    [InlineData("LocalTopic:LockDuration", "00:00:00")]
    [InlineData("LocalTopic:RedeliveryDelay", "00:05:00")]
    [InlineData("LocalTopic:DuplicateDetectionWindow", "00:00:01")]
    public void AddSqliteAdapters_OutOfRangeTopicSetting_FailsValidation(string key, string value)
    {
        using var provider = Provider(new() { [key] = value });

        var failure = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IOptions<LocalTopicOptions>>().Value);

        failure.Message.ShouldContain(key.Split(':')[1]);
    }

    public void Dispose() => _file.Dispose();

    private ServiceProvider Provider(Dictionary<string, string?> settings)
    {
        settings["Sqlite:DatabasePath"] = _file.Path;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddSqliteAdapters(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
