using Azure.Messaging.ServiceBus;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using ServerlessInventory.Core.Application;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;
using ServerlessInventory.Core.Serialization;

namespace ServerlessInventory.Functions.Messaging;

/// <summary>
/// Applies a session's batch (one SKU, in order) from the <c>inventory-events</c> topic as one commit, then settles
/// each message explicitly: applied and duplicate complete; a message that can never apply is dead-lettered with
/// its reason; a failure is abandoned for redelivery until its delivery count runs out.
/// </summary>
public sealed class ApplyInventoryEvents(
    ApplyEventsHandler handler,
    IDeadLetterStore deadLetters,
    TimeProvider timeProvider,
    IOptions<InventoryEventsOptions> options,
    InventoryMetrics metrics)
{
    [Function(nameof(ApplyInventoryEvents))]
    public async Task Run(
        [ServiceBusTrigger("%" + AppSettings.InventoryEventsTopic + "%", "%" + AppSettings.InventoryEventsSubscription + "%",
            Connection = AppSettings.ServiceBusConnection, IsSessionsEnabled = true, IsBatched = true, AutoCompleteMessages = false)]
        ServiceBusReceivedMessage[] messages,
        ServiceBusMessageActions actions,
        ServiceBusSessionMessageActions session,
        CancellationToken cancellationToken)
    {
        var decoded = messages.Select(m => (Message: m, Parsed: InventoryEventJson.Parse(m.Body.ToString()))).ToList();
        foreach (var (message, parsed) in decoded.Where(d => !d.Parsed.IsValid))
        {
            await DeadLetterAsync(actions, message, DeadLetterReasons.InvalidEvent, $"{parsed.Field} {parsed.Reason}", cancellationToken).ConfigureAwait(false);
        }
        var valid = decoded.Where(d => d.Parsed.IsValid).ToList();
        if (valid.Count == 0)
        {
            return;
        }

        IReadOnlyList<EventOutcome> outcomes;
        try
        {
            outcomes = await handler.HandleAsync([.. valid.Select(v => v.Parsed.Event!)], cancellationToken).ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            foreach (var (message, _) in valid)
            {
                await (message.DeliveryCount >= options.Value.MaxDeliveryCount
                    ? DeadLetterAsync(actions, message, DeadLetterReasons.ApplyFailed, failure.Message, cancellationToken)
                    : actions.AbandonMessageAsync(message, cancellationToken: cancellationToken)).ConfigureAwait(false);
            }
            return;
        }

        var appliedAt = timeProvider.GetUtcNow();
        foreach (var (message, _) in valid)
        {
            metrics.ApplyLag(appliedAt - message.EnqueuedTime);
        }
        for (var i = 0; i < valid.Count; i++)
        {
            await (outcomes[i].Disposition == EventDisposition.Rejected
                ? DeadLetterAsync(actions, valid[i].Message, DeadLetterReasons.Rejected, outcomes[i].Reason, cancellationToken)
                : actions.CompleteMessageAsync(valid[i].Message, cancellationToken)).ConfigureAwait(false);
        }
    }

    /// <summary>Records why before the message leaves the topic, so ops can list and replay it from one place.</summary>
    private async Task DeadLetterAsync(ServiceBusMessageActions actions, ServiceBusReceivedMessage message, string reason, string? description, CancellationToken cancellationToken)
    {
        Sku? sku = string.IsNullOrEmpty(message.SessionId) ? null : new Sku(message.SessionId);
        await deadLetters.AddAsync(
            new DeadLetter(message.MessageId, sku, message.Body.ToString(), reason, description, message.DeliveryCount, timeProvider.GetUtcNow()),
            cancellationToken).ConfigureAwait(false);
        await actions.DeadLetterMessageAsync(message, deadLetterReason: reason, deadLetterErrorDescription: description, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
