using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using ServerlessInventory.FunctionApp;

namespace ServerlessInventory.Deployment.Tests;

/// <summary>
/// The deployed app's telemetry registration: the Azure Monitor exporters exist exactly when the Bicep's
/// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set. Nothing is sent.
/// </summary>
public sealed class TelemetryTests
{
    private const string ConnectionString = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://example.invalid/";

    [Fact]
    public async Task AddAzureMonitorTelemetry_ConnectionStringSet_ConfiguresAzureMonitorExport()
    {
        await using var services = Services(new() { [AzureMonitorTelemetry.ConnectionStringSetting] = ConnectionString });
        services.GetRequiredService<MeterProvider>().ShouldNotBeNull();

        services.GetServices<IConfigureOptions<AzureMonitorExporterOptions>>().ShouldNotBeEmpty();
    }

    [Fact]
    public async Task AddAzureMonitorTelemetry_NoConnectionString_StartsWithoutAzureMonitorExporters()
    {
        await using var services = Services([]);

        services.GetRequiredService<MeterProvider>().ShouldNotBeNull();
        services.GetServices<IConfigureOptions<AzureMonitorExporterOptions>>().ShouldBeEmpty();
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings) =>
        new ServiceCollection().AddLogging()
            .AddAzureMonitorTelemetry(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();
}
