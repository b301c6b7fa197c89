using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using ServerlessInventory.Adapters.Sqlite;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.LocalRunner.Hosting;

/// <summary>Says, once the server listens, where it listens and what it loaded. Secrets are never printed.</summary>
public sealed partial class StartupReport(
    IServer server,
    IHostApplicationLifetime lifetime,
    IInventoryCatalogSource catalogSource,
    IOptions<SqliteOptions> sqlite,
    IOptions<LocalRunnerOptions> runner,
    Http.FunctionKeys keys,
    ILogger<StartupReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = ReportAsync());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1873", Justification = "Runs once at start-up, after an IsEnabled check.")]
    private async Task ReportAsync()
    {
        if (!logger.IsEnabled(LogLevel.Information))
        {
            return;
        }
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        LogListening(logger, string.Join(", ", addresses));
        var keyed = FunctionCatalog.WithTrigger<Microsoft.Azure.Functions.Worker.HttpTriggerAttribute>().Count(f => new Http.FunctionAuthorization(f.Trigger.AuthLevel).RequiresKey);
        if (keys.AreRequired)
        {
            LogKeysRequired(logger, keyed, Http.FunctionKeys.HeaderName);
        }
        else
        {
            LogKeysNotRequired(logger, keyed, OpsKeyRequiredOffLoopback.Setting);
        }
        var path = Path.GetFullPath(sqlite.Value.DatabasePath);
        if (runner.Value.Storage == RunnerStorage.Azure)
        {
            LogTopicDatabase(logger, path);
        }
        else
        {
            LogDatabase(logger, path);
        }
        var catalog = await catalogSource.GetCatalogAsync(CancellationToken.None).ConfigureAwait(false);
        foreach (var connection in catalog.Connections.OrderBy(c => c.Channel.Value, StringComparer.Ordinal))
        {
            var sells = catalog.TryGetChannel(connection.Channel, out var policy)
                ? $"sells from {string.Join(", ", policy.Locations)}, allocation {policy.Allocation.Kind} {policy.Allocation.Value}, buffer {policy.Buffer}"
                : "reports only";
            LogChannel(logger, connection.ToString(), sells, connection.AcceptsWebhooks ? "signed webhooks" : "no webhooks (no secret)");
        }
        LogFunctions(logger, FunctionCatalog.All.Count, string.Join(", ", FunctionCatalog.All.Select(f => f.Name)));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "ServerlessInventory local runner listening on {Addresses}")]
    private static partial void LogListening(ILogger logger, string addresses);

    [LoggerMessage(Level = LogLevel.Information, Message = "LocalRunner:OpsKey is set: {Count} routes (reservations, queries, ops) require it in the {Header} header; webhooks stay open to their signatures")]
    private static partial void LogKeysRequired(ILogger logger, int count, string header);

    [LoggerMessage(Level = LogLevel.Information, Message = "No key: {Count} routes (reservations, queries, ops) are open to this machine (loopback only); set {Setting} to require one")]
    private static partial void LogKeysNotRequired(ILogger logger, int count, string setting);

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedded database: {Path}")]
    private static partial void LogDatabase(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Azure mode: the local topic (events in flight) is in {Path}")]
    private static partial void LogTopicDatabase(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Channel {Channel}: {Sells}; {Webhooks}")]
    private static partial void LogChannel(ILogger logger, string channel, string sells, string webhooks);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} functions: {Names}")]
    private static partial void LogFunctions(ILogger logger, int count, string names);
}
