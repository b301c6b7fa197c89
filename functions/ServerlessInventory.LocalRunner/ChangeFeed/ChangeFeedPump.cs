using Microsoft.Extensions.Options;
using ServerlessInventory.Core.Ports;
using ServerlessInventory.LocalRunner.Hosting;

namespace ServerlessInventory.LocalRunner.ChangeFeed;

/// <summary>
/// Stands in for the Cosmos DB trigger: reads the store's change log from a saved checkpoint and hands each batch to the
/// change-feed function, moving the checkpoint only after the function succeeded, so no change is skipped.
/// </summary>
public sealed partial class ChangeFeedPump(
    IChangeFeed feed,
    CheckpointStore checkpoints,
    Messaging.ChangeFeedSignal signal,
    IServiceScopeFactory scopes,
    TimeProvider timeProvider,
    IOptions<LocalRunnerOptions> options,
    ILogger<ChangeFeedPump> logger) : BackgroundService
{
    private static readonly TimeSpan _afterFailure = TimeSpan.FromSeconds(1);
    private readonly FunctionEntry _function = ChangeFeedFunction.Entry;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var checkpoint = await checkpoints.GetAsync(_function.Name, stoppingToken).ConfigureAwait(false);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var batch = await feed.ReadAsync(checkpoint, options.Value.ChangeFeedBatchSize, stoppingToken).ConfigureAwait(false);
                if (batch.Changes.Count == 0)
                {
                    // Woken by every commit of this process; the interval only bounds how long a commit made elsewhere waits.
                    await signal.WaitAsync(options.Value.ChangeFeedPollInterval, stoppingToken).ConfigureAwait(false);
                    continue;
                }
                await ChangeFeedFunction.InvokeAsync(scopes, batch.Changes.Select(c => c.Sku), stoppingToken).ConfigureAwait(false);
                checkpoint = batch.Checkpoint;
                await checkpoints.SaveAsync(_function.Name, checkpoint, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception failure)
            {
                LogFailed(logger, _function.Name, failure);
                await Task.Delay(_afterFailure, timeProvider, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function} failed; the same changes are handed to it again")]
    private static partial void LogFailed(ILogger logger, string function, Exception failure);
}
