using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Events;

namespace ServerlessInventory.Core.Ports;

/// <summary>
/// Hands accepted events to the pipeline (Service Bus topic <c>inventory-events</c>, or the local durable
/// topic) with message id = event id and session = SKU. When it returns, the events are durable.
/// </summary>
public interface IEventPublisher
{
    Task<PublishResult> PublishAsync(IReadOnlyList<InventoryEvent> events, CancellationToken cancellationToken);
}

/// <summary>
/// Events the topic already held under the same message id and so dropped. A broker whose duplicate detection
/// drops silently (Service Bus) reports none; the ledger still applies each id once.
/// </summary>
public sealed record PublishResult(IReadOnlyList<EventId> Duplicates)
{
    public static PublishResult NoDuplicates { get; } = new([]);
}
