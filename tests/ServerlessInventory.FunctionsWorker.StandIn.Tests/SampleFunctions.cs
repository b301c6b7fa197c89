using Azure.Messaging.ServiceBus;
using Microsoft.Azure.Functions.Worker;

namespace ServerlessInventory.FunctionsWorker.StandIn.Tests;

/// <summary>
/// Function signatures written the way the real packages' samples write them. That this file compiles is
/// itself a test: attribute targets, constructor overloads, named arguments, and the settlement calls.
/// </summary>
public sealed class SampleFunctions
{
    [Function(nameof(Http))]
    public static string Http([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "items/{sku}")] object request) =>
        request.ToString() ?? string.Empty;

    [Function(nameof(Bus))]
    public static async Task Bus(
        [ServiceBusTrigger("%TopicName%", "%SubscriptionName%", Connection = "ServiceBusConnection",
            IsSessionsEnabled = true, IsBatched = true, AutoCompleteMessages = false)]
        ServiceBusReceivedMessage[] messages,
        ServiceBusMessageActions actions,
        ServiceBusSessionMessageActions sessionActions,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(actions);
        ArgumentNullException.ThrowIfNull(sessionActions);
        ArgumentNullException.ThrowIfNull(context);
        foreach (var message in messages)
        {
            if (message.DeliveryCount > 3)
            {
                await actions.DeadLetterMessageAsync(
                    message,
                    deadLetterReason: "TooManyDeliveries",
                    deadLetterErrorDescription: message.MessageId,
                    cancellationToken: context.CancellationToken).ConfigureAwait(false);
                continue;
            }

            await actions.CompleteMessageAsync(message, context.CancellationToken).ConfigureAwait(false);
        }

        await sessionActions.RenewSessionLockAsync(context.CancellationToken).ConfigureAwait(false);
    }

    [Function(nameof(Changes))]
    [ExponentialBackoffRetry(5, "00:00:04", "00:15:00")]
    public static int Changes(
        [CosmosDBTrigger(databaseName: "%CosmosDatabase%", containerName: "%CosmosContainer%",
            Connection = "CosmosDB", LeaseContainerName = "leases", CreateLeaseContainerIfNotExists = true)]
        IReadOnlyList<object> documents) =>
        documents?.Count ?? 0;

    [Function(nameof(Timer))]
    [FixedDelayRetry(3, "00:00:10")]
    public static bool Timer([TimerTrigger("0 */5 * * * *", RunOnStartup = true)] TimerInfo timer) =>
        timer?.IsPastDue ?? false;
}
