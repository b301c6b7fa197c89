using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Events;

namespace ServerlessInventory.Core.Ports;

/// <summary>
/// Hands accepted events to the pipeline (Service Bus topic <c>inventory-events</c>, or the local durable
/// topic) with message id = the event's <see cref="EventKey"/> (source and id) and session = SKU. When it returns, the events are durable.
/// </summary>
public interface IEventPublisher
{
    Task<PublishResult> PublishAsync(IReadOnlyList<InventoryEvent> events, CancellationToken cancellationToken);
}

/// <summary>
/// Events the topic already held under the same message id (the same source and id) and so dropped. A broker whose
/// duplicate detection drops silently (Service Bus) reports none; the ledger still applies each event once.
/// </summary>
public sealed record PublishResult(IReadOnlyList<EventKey> Duplicates)
{
    public static PublishResult NoDuplicates { get; } = new([]);
}
