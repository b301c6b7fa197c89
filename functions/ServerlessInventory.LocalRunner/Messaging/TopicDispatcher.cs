using Azure.Messaging.ServiceBus;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using ServerlessInventory.Adapters.Sqlite;
using ServerlessInventory.LocalRunner.Hosting;
using ServerlessInventory.Functions.Messaging;

namespace ServerlessInventory.LocalRunner.Messaging;

/// <summary>
/// Stands in for the Service Bus trigger: workers take the next session (one SKU, locked to them), hand its batch to the
/// session-enabled function in order, and settle what it decided. One consumer per SKU at a time, as sessions give.
/// On shutdown, workers stop taking sessions and finish the batches they hold.
/// </summary>
public sealed partial class TopicDispatcher(
    SqliteEventTopic topic,
    TopicSignal signal,
    IServiceScopeFactory scopes,
    IOptions<LocalRunnerOptions> options,
    ILogger<TopicDispatcher> logger) : BackgroundService
{
    private readonly FunctionEntry _function = FunctionCatalog.WithTrigger<ServiceBusTriggerAttribute>()
        .Single(f => f.Trigger.SubscriptionName?.EndsWith(RecordBrokerDeadLetters.DeadLetterSubqueue, StringComparison.Ordinal) != true).Entry;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Locks held by a process that died with this file open are void: its batches are delivered again at once.
        await topic.ReleaseAllLocksAsync(stoppingToken).ConfigureAwait(false);
        var settings = options.Value;
        var workers = Math.Min(settings.TopicWorkers, settings.MaxConcurrentSessions);
        var sessionsPerWorker = (settings.MaxConcurrentSessions + workers - 1) / workers;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => WorkAsync(sessionsPerWorker, stoppingToken))).ConfigureAwait(false);
    }

    /// <summary>
    /// Takes a group of sessions in one transaction, applies each (side by side, as the host runs sessions), and
    /// settles and releases the whole group in one more: the topic costs two writes per group, not four per session.
    /// </summary>
    private async Task WorkAsync(int sessionsPerWorker, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var sessions = await topic.AcceptNextSessionsAsync(sessionsPerWorker, options.Value.MaxMessageBatchSize, stoppingToken).ConfigureAwait(false);
                if (sessions.Count == 0)
                {
                    await signal.WaitAsync(options.Value.TopicIdleWait, stoppingToken).ConfigureAwait(false);
                    continue;
                }
                // Sessions in hand are finished even during shutdown: the token below is not the host's.
                var settlements = await Task.WhenAll(sessions.Select(DeliverAsync)).ConfigureAwait(false);
                foreach (var lost in await topic.SettleAndReleaseAsync(settlements, CancellationToken.None).ConfigureAwait(false))
                {
                    LogLockLost(logger, lost.SessionId);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception failure)
            {
                LogWorkerFailed(logger, failure);
                await Task.Delay(options.Value.TopicIdleWait, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<SessionSettlement> DeliverAsync(TopicSession session)
    {
        var actions = new LocalMessageActions(topic, session);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await FunctionInvoker.InvokeAsync(scope.ServiceProvider, _function, new Dictionary<Type, object>
            {
                [typeof(ServiceBusReceivedMessage[])] = session.Messages.Select(ToReceivedMessage).ToArray(),
                [typeof(ServiceBusMessageActions)] = actions,
                [typeof(ServiceBusSessionMessageActions)] = new LocalSessionActions(topic, session),
            }, null, CancellationToken.None).ConfigureAwait(false);
            return actions.ToSettlement(failed: false);
        }
        catch (Exception failure)
        {
            LogInvocationFailed(logger, session.SessionId, failure);
            return actions.ToSettlement(failed: true);
        }
    }

    private static ServiceBusReceivedMessage ToReceivedMessage(TopicMessage message) => ServiceBusModelFactory.ServiceBusReceivedMessage(
        body: BinaryData.FromString(message.Body),
        messageId: message.MessageId,
        sessionId: message.SessionId,
        contentType: "application/cloudevents+json",
        deliveryCount: message.DeliveryCount,
        sequenceNumber: message.SequenceNumber,
        enqueuedTime: message.EnqueuedAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionId} was taken by another receiver before it was settled; it is delivered again")]
    private static partial void LogLockLost(ILogger logger, string sessionId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Topic worker failed; it goes on")]
    private static partial void LogWorkerFailed(ILogger logger, Exception failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Applying session {SessionId} failed; its messages are abandoned for redelivery")]
    private static partial void LogInvocationFailed(ILogger logger, string sessionId, Exception failure);
}
