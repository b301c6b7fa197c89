namespace ServerlessInventory.Adapters.ServiceBus;

/// <summary>One event whose message alone does not fit an empty batch; nothing of the publish was sent.</summary>
public sealed class ServiceBusMessageTooLargeException : InvalidOperationException
{
    public ServiceBusMessageTooLargeException()
    {
    }

    public ServiceBusMessageTooLargeException(string message) : base(message)
    {
    }

    public ServiceBusMessageTooLargeException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public ServiceBusMessageTooLargeException(string eventId, long maxBatchBytes)
        : base($"Event '{eventId}' does not fit an empty Service Bus batch ({maxBatchBytes} bytes) on its own; nothing was sent.")
    {
        EventId = eventId;
    }

    public string? EventId { get; }
}
