using ServerlessInventory.Core.Events;

namespace ServerlessInventory.Core.Ports;

/// <summary>
/// Hands accepted events to the pipeline (Service Bus topic <c>inventory-events</c>, or the local durable
/// topic) with message id = event id and session = SKU. When it returns, the events are durable.
/// </summary>
public interface IEventPublisher
{
    Task PublishAsync(IReadOnlyList<InventoryEvent> events, CancellationToken cancellationToken);
}
