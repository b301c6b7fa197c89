using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using ServerlessInventory.Core.Application;

namespace ServerlessInventory.LocalRunner.Hosting;

public static class RunnerTelemetry
{
    /// <summary>
    /// The <see cref="InventoryMetrics.MeterName"/> meter and ASP.NET Core's request metrics, exported to the console
    /// and to an OTLP collector when <see cref="RunnerTelemetryOptions"/> asks for them; with neither, they are still
    /// measured (for <c>dotnet-counters</c>) but sent nowhere.
    /// </summary>
    public static IServiceCollection AddRunnerTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(RunnerTelemetryOptions.SectionName);
        services.AddOptions<RunnerTelemetryOptions>().Bind(section)
            .Validate(o => o.Problem() is null, "Telemetry:OtlpEndpoint must be an absolute http(s) URL")
            .ValidateOnStart();
        // Which exporters exist is decided while the services are registered, so the settings are read here as well.
        var telemetry = section.Get<RunnerTelemetryOptions>() ?? new RunnerTelemetryOptions();
        services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            metrics.AddMeter(InventoryMetrics.MeterName).AddAspNetCoreInstrumentation();
            if (telemetry.ConsoleMetrics)
            {
                metrics.AddConsoleExporter();
            }
            if (telemetry.OtlpEndpoint is { } endpoint && telemetry.Problem() is null)
            {
                metrics.AddOtlpExporter(otlp =>
                {
                    otlp.Endpoint = endpoint;
                    otlp.Protocol = telemetry.OtlpProtocol;
                });
            }
        });
        return services;
    }
}
