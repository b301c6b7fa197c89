using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using ServerlessInventory.Core.Application;

namespace ServerlessInventory.FunctionApp;

public static class AzureMonitorTelemetry
{
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    public const string AuthenticationSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>
    /// The worker's OpenTelemetry defaults (invocation traces correlated with the host) and the
    /// <see cref="InventoryMetrics.MeterName"/> meter (oversold units, apply lag, push duration...), exported to
    /// Application Insights with the connection string the Bicep sets. Without that setting nothing is exported: a
    /// function app without Application Insights still starts.
    /// </summary>
    public static IServiceCollection AddAzureMonitorTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration[ConnectionStringSetting];
        var telemetry = services.AddOpenTelemetry().UseFunctionsWorkerDefaults()
            .WithMetrics(metrics => metrics.AddMeter(InventoryMetrics.MeterName));
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return services;
        }

        // The Bicep turns local (key) authentication off on the component and grants the app's identity Monitoring
        // Metrics Publisher; Authorization=AAD is the host's own convention for saying so.
        var credential = string.Equals(configuration[AuthenticationSetting], "Authorization=AAD", StringComparison.OrdinalIgnoreCase)
            ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
            : null;
        telemetry
            .WithMetrics(metrics => metrics.AddAzureMonitorMetricExporter(o => o.ConnectionString = connectionString, credential))
            .WithTracing(tracing => tracing.AddAzureMonitorTraceExporter(o => o.ConnectionString = connectionString, credential));
        return services;
    }
}
