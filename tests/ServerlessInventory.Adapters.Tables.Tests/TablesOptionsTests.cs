using System.ComponentModel.DataAnnotations;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Adapters.Tables.Tests;

public sealed class TablesOptionsTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ServiceProvider Provider(Dictionary<string, string?> settings) =>
        new ServiceCollection().AddTablesAdapters(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider();

    [Theory]
    [InlineData(null, null, "", false)]
    [InlineData("https://acct.table.core.windows.net", "UseDevelopmentStorage=true", "", false)]
    [InlineData("https://acct.table.core.windows.net", null, "", true)]
    [InlineData("http://acct.table.core.windows.net", null, "", false)]
    [InlineData("http://127.0.0.1:10002/devstoreaccount1", null, "", true)]
    [InlineData(null, "UseDevelopmentStorage=true", "prod1", true)]
    [InlineData(null, "UseDevelopmentStorage=true", "1bad", false)]
    [InlineData(null, "UseDevelopmentStorage=true", "has-dash", false)]
    public void Validate_Settings_AcceptsExactlyOneEndpointAndATableNamePrefix(string? serviceUri, string? connectionString, string prefix, bool valid)
    {
        var options = new TablesOptions { ServiceUri = serviceUri is null ? null : new Uri(serviceUri), ConnectionString = connectionString, TablePrefix = prefix };

        Validator.TryValidateObject(options, new ValidationContext(options), [], validateAllProperties: true).ShouldBe(valid);
    }

    [Fact]
    public void AddTablesAdapters_NoEndpoint_FailsNamingBothSettings()
    {
        using var provider = Provider([]);

        var failure = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IOptions<TablesOptions>>().Value);

        failure.Message.ShouldContain("ServiceUri");
        failure.Message.ShouldContain("ConnectionString");
    }

    [Fact]
    public async Task AddTablesAdapters_ConnectionString_ResolvesEveryRepositoryOnThePrefixedTables()
    {
        using var provider = Provider(new() { ["Tables:ConnectionString"] = azurite.Azurite.ConnectionString, ["Tables:TablePrefix"] = azurite.Prefix });

        provider.GetRequiredService<IParkedEventStore>().ShouldBeOfType<TablesParkedEventStore>();
        provider.GetRequiredService<IDeadLetterStore>().ShouldBeOfType<TablesDeadLetterStore>();
        provider.GetRequiredService<IPushStateStore>().ShouldBeOfType<TablesPushStateStore>();
        provider.GetRequiredService<IReconciliationReportStore>().ShouldBeOfType<TablesReconciliationReportStore>();
        var registry = provider.GetRequiredService<IChannelRegistry>();
        var channel = new ChannelId($"channel-{Guid.NewGuid():N}");
        (await registry.UpsertAsync(ChannelRegistration.Bare(channel), Ct)).Saved.ShouldBeTrue();
        (await azurite.Table(TablesAdapter.Channels).GetEntityIfExistsAsync<TableEntity>("channels", channel.Value, cancellationToken: Ct)).HasValue.ShouldBeTrue();
    }

    [Fact]
    public void AddTablesAdapters_ServiceUri_BuildsAClientForThatAccountWithoutCallingIt()
    {
        using var provider = Provider(new() { ["Tables:ServiceUri"] = "https://acct.table.core.windows.net" });

        provider.GetRequiredService<TableServiceClient>().AccountName.ShouldBe("acct");
    }

    [Fact]
    public async Task CreateTablesIfNotExists_NewPrefix_CreatesExactlyTheFiveTables()
    {
        var prefix = "c" + Guid.NewGuid().ToString("N")[..8];

        await TablesAdapter.CreateTablesIfNotExistsAsync(azurite.Service, prefix, Ct);
        await TablesAdapter.CreateTablesIfNotExistsAsync(azurite.Service, prefix, Ct);

        var tables = azurite.Service.Query(t => t.Name.CompareTo(prefix) >= 0 && t.Name.CompareTo(prefix + "~") < 0, cancellationToken: Ct).Select(t => t.Name[prefix.Length..]);
        tables.ShouldBe(["Channels", "DeadLetters", "ParkedEvents", "PushStates", "ReconciliationRuns"], ignoreOrder: true);
    }
}
