using Azure.Messaging.ServiceBus;
using Microsoft.Azure.Functions.Worker;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Functions.Messaging;

/// <summary>
/// The <c>apply</c> subscription's dead-letter subqueue: a message Service Bus dead-lettered by itself (lock lost on the
/// last delivery, a crash, TTL expiry) is recorded in the dead-letter store with the broker's reason, then completed,
/// so ops list and replay every dead letter in one place. Those <see cref="ApplyInventoryEvents"/> dead-lettered were
/// recorded before they left, and are only completed. Azure only: the local topic has no broker-side dead-lettering.
/// </summary>
public sealed class RecordBrokerDeadLetters(IDeadLetterStore deadLetters, TimeProvider timeProvider)
{
    /// <summary>The subqueue of a subscription, as the trigger's subscription name takes it.</summary>
    public const string DeadLetterSubqueue = "/$deadletterqueue";

    [Function(nameof(RecordBrokerDeadLetters))]
    public async Task Run(
        [ServiceBusTrigger("%" + AppSettings.InventoryEventsTopic + "%", "%" + AppSettings.InventoryEventsSubscription + "%" + DeadLetterSubqueue,
            Connection = AppSettings.ServiceBusConnection, IsBatched = true, AutoCompleteMessages = false)]
        ServiceBusReceivedMessage[] messages,
        ServiceBusMessageActions actions,
        CancellationToken cancellationToken)
    {
        foreach (var message in messages)
        {
            if (!DeadLetterReasons.RecordedByApply.Contains(message.DeadLetterReason ?? string.Empty))
            {
                Sku? sku = string.IsNullOrEmpty(message.SessionId) ? null : new Sku(message.SessionId);
                await deadLetters.AddAsync(
                    new DeadLetter(message.MessageId, sku, message.Body.ToString(), message.DeadLetterReason ?? DeadLetterReasons.BrokerDeadLettered,
                        message.DeadLetterErrorDescription, message.DeliveryCount, timeProvider.GetUtcNow()),
                    cancellationToken).ConfigureAwait(false);
            }
            await actions.CompleteMessageAsync(message, cancellationToken).ConfigureAwait(false);
        }
    }
}
