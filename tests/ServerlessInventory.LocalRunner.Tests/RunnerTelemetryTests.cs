using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using ServerlessInventory.Core.Application;
using ServerlessInventory.LocalRunner.Hosting;
using ServerlessInventory.LocalRunner.Tests.Support;

namespace ServerlessInventory.LocalRunner.Tests;

/// <summary>The runner's telemetry registration (<c>Telemetry:*</c>) with a real OTLP/HTTP receiver on loopback.</summary>
public sealed class RunnerTelemetryTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AddRunnerTelemetry_OtlpEndpointSet_ExportsTheInventoryMeterToTheCollector()
    {
        await using var collector = await OtlpReceiver.StartAsync(Cancellation);
        await using var services = Services(new() { ["Telemetry:OtlpEndpoint"] = collector.MetricsEndpoint.ToString() });
        var meterProvider = services.GetRequiredService<MeterProvider>();
        using var meter = new Meter(InventoryMetrics.MeterName);
        meter.CreateCounter<long>("otlp.test.units").Add(3);

        // A flush exports synchronously, so the collector has it once this returns: no waiting on the export interval.
        meterProvider.ForceFlush(timeoutMilliseconds: 10_000).ShouldBeTrue();

        var export = collector.Exports.ShouldHaveSingleItem();
        Contains(export, InventoryMetrics.MeterName).ShouldBeTrue();
        Contains(export, "otlp.test.units").ShouldBeTrue();
    }

    [Fact]
    public async Task AddRunnerTelemetry_NoOtlpEndpoint_ExportsNothingOverOtlp()
    {
        // Sending nowhere cannot be observed from a collector (an unset exporter would post to localhost:4318, which a
        // test cannot own), so the registration itself is asked whether it configured an OTLP exporter.
        await using var services = Services([]);

        services.GetRequiredService<IOptions<RunnerTelemetryOptions>>().Value.OtlpEndpoint.ShouldBeNull();
        services.GetServices<IConfigureOptions<OtlpExporterOptions>>().ShouldBeEmpty();
    }

    [Theory]
    [InlineData("collector:4318")]
    [InlineData("ftp://localhost/v1/metrics")]
    public async Task AddRunnerTelemetry_OtlpEndpointNotAnHttpUrl_FailsStartValidationNamingTheSetting(string endpoint)
    {
        await using var services = Services(new() { ["Telemetry:OtlpEndpoint"] = endpoint });

        Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IOptions<RunnerTelemetryOptions>>().Value)
            .Message.ShouldContain("Telemetry:OtlpEndpoint");
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddRunnerTelemetry(configuration).BuildServiceProvider();
    }

    private static bool Contains(byte[] export, string text) =>
        export.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;
}
