using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServerlessInventory.Core.Application;
using ServerlessInventory.Core.Availability;
using ServerlessInventory.Core.Ports;
using ServerlessInventory.Core.Tests.Support;
using static ServerlessInventory.Core.Tests.Support.TestData;

namespace ServerlessInventory.Core.Tests.Application;

/// <summary>AddInventoryCore binds and validates options, and registers every handler.</summary>
public class ServiceCollectionExtensionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        var store = new InMemoryInventoryStore();
        services.AddSingleton<IInventoryStore>(store);
        services.AddSingleton<ISkuDirectory>(store);
        services.AddSingleton<IReportedLevelStore>(new Testing.InMemoryReportedLevelStore());
        services.AddInventoryCore(configuration);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void AddInventoryCore_NoSettings_GivesDocumentedDefaults()
    {
        using var provider = Build([]);

        var inventory = provider.GetRequiredService<IOptions<InventoryOptions>>().Value;
        var reservations = provider.GetRequiredService<IOptions<ReservationOptions>>().Value;

        inventory.MaxConcurrencyAttempts.ShouldBe(8);
        inventory.ConflictBackoff.ShouldBe(TimeSpan.FromMilliseconds(2));
        reservations.DefaultTtl.ShouldBe(TimeSpan.FromMinutes(15));
        reservations.MaxTtl.ShouldBe(TimeSpan.FromMinutes(60));
        reservations.SweepBatchSize.ShouldBe(500);
        var reconciliation = provider.GetRequiredService<IOptions<Core.Reconciliation.ReconciliationOptions>>().Value;
        reconciliation.SettlingWindow.ShouldBe(TimeSpan.FromMinutes(2));
        reconciliation.DefaultThreshold.ShouldBe(1);
        reconciliation.PageSize.ShouldBe(500);
        reconciliation.LeaseDuration.ShouldBe(TimeSpan.FromMinutes(2));
        provider.GetRequiredService<IOptions<WebhookOptions>>().Value.ClockTolerance.ShouldBe(TimeSpan.FromMinutes(5));
    }

    [Theory]
    [InlineData("-00:00:01")]
    [InlineData("01:00:01")]
    public void AddInventoryCore_ClockToleranceOutOfRange_FailsValidation(string tolerance)
    {
        using var provider = Build(new() { ["Webhooks:ClockTolerance"] = tolerance });

        var error = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IOptions<WebhookOptions>>().Value);

        error.Failures.ShouldContain(f => f.Contains("ClockTolerance", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    public void AddInventoryCore_MaxConcurrencyAttemptsOutOfRange_FailsValidation(string attempts)
    {
        using var provider = Build(new() { ["Inventory:MaxConcurrencyAttempts"] = attempts });

        var error = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IOptions<InventoryOptions>>().Value);

        error.Failures.ShouldContain(f => f.Contains("MaxConcurrencyAttempts", StringComparison.Ordinal));
    }

    [Fact]
    public void AddInventoryCore_BoundSettings_OverrideDefaults()
    {
        using var provider = Build(new()
        {
            ["Inventory:MaxConcurrencyAttempts"] = "3",
            ["Reservations:DefaultTtl"] = "00:05:00",
            ["Reservations:MaxTtl"] = "00:30:00",
        });

        provider.GetRequiredService<IOptions<InventoryOptions>>().Value.MaxConcurrencyAttempts.ShouldBe(3);
        provider.GetRequiredService<IOptions<ReservationOptions>>().Value.DefaultTtl.ShouldBe(TimeSpan.FromMinutes(5));
        provider.GetRequiredService<IOptions<ReservationOptions>>().Value.MaxTtl.ShouldBe(TimeSpan.FromMinutes(30));
    }

    [Fact]
    public void AddInventoryCore_ReservationTtlAboveRange_FailsValidation()
    {
        using var provider = Build(new() { ["Reservations:DefaultTtl"] = "02:00:00" });

        Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ReservationOptions>>().Value);
    }

    [Fact]
    public void AddInventoryCore_CatalogWithBothAllocations_FailsValidation()
    {
        using var provider = Build(new()
        {
            ["Catalog:Channels:web:Locations:0"] = "store-1",
            ["Catalog:Channels:web:AllocationPercent"] = "40",
            ["Catalog:Channels:web:AllocationCap"] = "4",
        });

        var error = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IOptions<CatalogOptions>>().Value);

        error.Message.ShouldContain("allocationPercent");
    }

    [Fact]
    public async Task AddInventoryCore_CatalogSection_IsTheCatalogHandlersUse()
    {
        using var provider = Build(new()
        {
            ["Catalog:Channels:web:Locations:0"] = "store-1",
            ["Catalog:Channels:web:Locations:1"] = "wh-1",
            ["Catalog:Channels:web:AllocationPercent"] = "40",
            ["Catalog:DefaultSafetyStock"] = "2",
            ["Catalog:SafetyStock:SKU-1@store-1"] = "3",
        });

        var catalog = await provider.GetRequiredService<IInventoryCatalogSource>().GetCatalogAsync(TestContext.Current.CancellationToken);

        catalog.TryGetChannel(Web, out var web).ShouldBeTrue();
        web.Locations.ShouldBe([Store, Warehouse]);
        web.Allocation.ShouldBe(Allocation.Percent(40));
        catalog.SafetyStock(Sku1, Store).ShouldBe(3);
        catalog.SafetyStock(Sku1, Warehouse).ShouldBe(2);
    }

    [Fact]
    public void AddInventoryCore_EveryHandler_Resolves()
    {
        using var provider = Build([]);

        provider.GetRequiredService<ApplyEventsHandler>().ShouldNotBeNull();
        provider.GetRequiredService<ReserveHandler>().ShouldNotBeNull();
        provider.GetRequiredService<ReservationLifecycleHandler>().ShouldNotBeNull();
        provider.GetRequiredService<ExpireReservationsHandler>().ShouldNotBeNull();
        provider.GetRequiredService<QueryInventoryHandler>().ShouldNotBeNull();
        provider.GetRequiredService<QueryAvailabilityHandler>().ShouldNotBeNull();
        provider.GetRequiredService<QueryLedgerHandler>().ShouldNotBeNull();
        provider.GetRequiredService<InventoryMetrics>().ShouldNotBeNull();
        provider.GetRequiredService<TimeProvider>().ShouldBeSameAs(TimeProvider.System);
    }
}
