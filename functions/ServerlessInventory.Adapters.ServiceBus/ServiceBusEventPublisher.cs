using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessInventory.Core.Events;
using ServerlessInventory.Core.Ports;
using ServerlessInventory.Core.Serialization;

namespace ServerlessInventory.Adapters.ServiceBus;

/// <summary>
/// Core's <see cref="IEventPublisher"/> over one <see cref="ServiceBusSender"/> for the topic: each event becomes a
/// message whose body is <see cref="InventoryEventJson"/> (what the trigger parses), message id the event's identity
/// (the topic's duplicate detection) and session the SKU (one consumer per SKU, in order). Messages fill batches by
/// size as the SDK measures them; retries are the SDK's (<see cref="ServiceBusPublisherOptions.ToRetryOptions"/>).
/// </summary>
public sealed partial class ServiceBusEventPublisher(
    ServiceBusSender sender,
    IOptions<ServiceBusPublisherOptions> options,
    ILogger<ServiceBusEventPublisher> logger) : IEventPublisher
{
    public async Task<PublishResult> PublishAsync(IReadOnlyList<InventoryEvent> events, CancellationToken cancellationToken)
    {
        var batches = new List<ServiceBusMessageBatch>();
        try
        {
            // Every batch is filled before any is sent, so an event too large fails the publish before it starts.
            foreach (var group in Groups(events))
            {
                await FillAsync(group, batches, cancellationToken).ConfigureAwait(false);
            }
            foreach (var batch in batches)
            {
                await sender.SendMessagesAsync(batch, cancellationToken).ConfigureAwait(false);
                LogSent(logger, batch.Count, batch.SizeInBytes, sender.EntityPath);
            }
        }
        catch (ServiceBusException failure)
        {
            throw new EventPublishException($"Service Bus send to topic '{sender.EntityPath}' failed ({failure.Reason}): {failure.Message}", failure);
        }
        catch (UnauthorizedAccessException failure)
        {
            throw new EventPublishException($"Service Bus refused the app's identity on topic '{sender.EntityPath}': {failure.Message}", failure);
        }
        finally
        {
            foreach (var batch in batches)
            {
                batch.Dispose();
            }
        }
        // Duplicate detection drops a repeated message id silently, so the broker never says which events were
        // duplicates; the ledger applies each id once regardless.
        return PublishResult.NoDuplicates;
    }

    /// <summary>The one place the message id is chosen: the event's identity, which duplicate detection keys on.</summary>
    public static string MessageIdOf(InventoryEvent evt) => evt.Key.Value;

    public static ServiceBusMessage ToMessage(InventoryEvent evt) => new(InventoryEventJson.Serialize(evt))
    {
        MessageId = MessageIdOf(evt),
        SessionId = evt.Sku.Value,
        ContentType = "application/json",
    };

    /// <summary>Events in order; on a partitioned topic, one group per SKU (a batch there may span one session only).</summary>
    private IEnumerable<IReadOnlyList<InventoryEvent>> Groups(IReadOnlyList<InventoryEvent> events) =>
        options.Value.PartitionedTopic
            ? events.GroupBy(e => e.Sku).Select(g => (IReadOnlyList<InventoryEvent>)[.. g])
            : [events];

    private async Task FillAsync(IReadOnlyList<InventoryEvent> events, List<ServiceBusMessageBatch> batches, CancellationToken cancellationToken)
    {
        ServiceBusMessageBatch? current = null;
        foreach (var evt in events)
        {
            var message = ToMessage(evt);
            if (current is not null && current.TryAddMessage(message))
            {
                continue;
            }
            current = await sender.CreateMessageBatchAsync(cancellationToken).ConfigureAwait(false);
            batches.Add(current);
            if (!current.TryAddMessage(message))
            {
                throw new ServiceBusMessageTooLargeException(evt.Id.Value, current.MaxSizeInBytes);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Sent {Count} events ({Bytes} bytes) to Service Bus topic {Topic}")]
    private static partial void LogSent(ILogger logger, int count, long bytes, string topic);
}
