using Azure.Messaging.ServiceBus;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using ServerlessInventory.Adapters.Sqlite;
using ServerlessInventory.LocalRunner.Hosting;

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
    private readonly FunctionEntry _function = FunctionCatalog.WithTrigger<ServiceBusTriggerAttribute>().Single().Entry;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Locks held by a process that died with this file open are void: its batches are delivered again at once.
        await topic.ReleaseAllLocksAsync(stoppingToken).ConfigureAwait(false);
        await Task.WhenAll(Enumerable.Range(0, options.Value.MaxConcurrentSessions).Select(_ => WorkAsync(stoppingToken))).ConfigureAwait(false);
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var session = await topic.AcceptNextSessionAsync(options.Value.MaxMessageBatchSize, stoppingToken).ConfigureAwait(false);
                if (session is null)
                {
                    await signal.WaitAsync(options.Value.TopicIdleWait, stoppingToken).ConfigureAwait(false);
                    continue;
                }
                // A batch in hand is finished even during shutdown: the token is not the host's.
                await DeliverAsync(session, CancellationToken.None).ConfigureAwait(false);
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

    private async Task DeliverAsync(TopicSession session, CancellationToken cancellationToken)
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
            }, null, cancellationToken).ConfigureAwait(false);
            await actions.SettleAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is not TopicLockLostException)
        {
            LogInvocationFailed(logger, session.SessionId, failure);
            await actions.AbandonUnsettledAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await ReleaseAsync(session, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ReleaseAsync(TopicSession session, CancellationToken cancellationToken)
    {
        try
        {
            await topic.ReleaseAsync(session, cancellationToken).ConfigureAwait(false);
        }
        catch (TopicLockLostException)
        {
            // Someone else holds the session now; there is nothing of ours left to release.
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Topic worker failed; it goes on")]
    private static partial void LogWorkerFailed(ILogger logger, Exception failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Applying session {SessionId} failed; its messages are abandoned for redelivery")]
    private static partial void LogInvocationFailed(ILogger logger, string sessionId, Exception failure);
}
