using Microsoft.Extensions.Options;
using ServerlessInventory.Adapters.Sqlite;
using ServerlessInventory.LocalRunner.Hosting;

namespace ServerlessInventory.LocalRunner.Messaging;

/// <summary>
/// Keeps the local topic from growing with traffic, as Service Bus forgets settled messages on its own: settled
/// messages older than the duplicate detection window are deleted every <see cref="LocalRunnerOptions.TopicPurgeInterval"/>,
/// and once at start for whatever an earlier run left.
/// </summary>
public sealed partial class TopicMaintenance(
    SqliteEventTopic topic,
    TimeProvider timeProvider,
    IOptions<LocalRunnerOptions> options,
    ILogger<TopicMaintenance> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var purged = await topic.PurgeExpiredAsync(stoppingToken);
                if (purged > 0)
                {
                    LogPurged(logger, purged);
                }
                await Task.Delay(options.Value.TopicPurgeInterval, timeProvider, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception failure)
            {
                LogFailed(logger, failure);
                await Task.Delay(options.Value.TopicPurgeInterval, timeProvider, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Local topic: purged {Count} settled messages older than the duplicate detection window")]
    private static partial void LogPurged(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Local topic purge failed; it is tried again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception failure);
}
