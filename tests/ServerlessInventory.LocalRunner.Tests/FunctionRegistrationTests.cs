using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ServerlessInventory.Functions;
using ServerlessInventory.LocalRunner.Hosting;

namespace ServerlessInventory.LocalRunner.Tests;

/// <summary>
/// The registration the Azure Program.cs calls (<see cref="FunctionsServiceCollectionExtensions.AddServerlessInventoryFunctions"/>),
/// as the runner composes it with its adapters: every function class can be activated with what is registered, and a
/// bad option stops the app at start with its name. (Development builds validate every registration.)
/// </summary>
public sealed class FunctionRegistrationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("si-registration-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task AddLocalPipeline_EveryFunctionClass_IsRegisteredAndResolves()
    {
        await using var app = Build(Settings());
        var provider = app.Services;

        FunctionsServiceCollectionExtensions.FunctionClasses.Count.ShouldBe(FunctionCatalog.All.Select(f => f.Class).Distinct().Count());
        foreach (var function in FunctionsServiceCollectionExtensions.FunctionClasses)
        {
            provider.GetRequiredService(function).ShouldBeOfType(function);
        }
    }

    [Fact]
    public void AddServerlessInventoryFunctions_RegistersEachFunctionClassOnce()
    {
        var services = new ServiceCollection().AddServerlessInventoryFunctions(new ConfigurationBuilder().Build());

        foreach (var function in FunctionsServiceCollectionExtensions.FunctionClasses)
        {
            services.Count(d => d.ServiceType == function).ShouldBe(1, function.Name);
        }
    }

    [Theory]
    [InlineData("InventoryEvents:MaxDeliveryCount", "0", "MaxDeliveryCount")]
    [InlineData("Webhooks:MaxBodyBytes", "10", "MaxBodyBytes")]
    [InlineData("LocalRunner:MaxConcurrentSessions", "0", "MaxConcurrentSessions")]
    public async Task AddLocalPipeline_InvalidOption_StopsStartNamingIt(string key, string value, string named)
    {
        var settings = Settings();
        settings[key] = value;
        await using var app = Build(settings);

        var failure = await Should.ThrowAsync<OptionsValidationException>(() => app.StartAsync(TestContext.Current.CancellationToken));
        failure.Message.ShouldContain(named);
    }

    private Dictionary<string, string?> Settings() => new()
    {
        ["Sqlite:DatabasePath"] = Path.Combine(_folder, "registration.db"),
        ["ExpireReservationsSchedule"] = "0 */1 * * * *",
        ["RetryPushesSchedule"] = "30 */1 * * * *",
        ["ReconcileChannelsSchedule"] = "0 0 * * * *",
        ["SampleHealthSchedule"] = "*/10 * * * * *",
        ["Catalog:Channels:pos:Locations:0"] = "store-1",
        ["Catalog:Channels:pos:Secret"] = "s",
    };

    /// <summary>The runner's app as Program.cs builds it, on a loopback port of its own, with these settings only.</summary>
    private static WebApplication Build(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddLocalPipeline(builder.Configuration);
        return builder.Build();
    }
}
