using System.Net;

namespace ServerlessInventory.Adapters.ServiceBus;

/// <summary>A send the broker refused or failed: the status, and what it said (an excerpt; never our token).</summary>
public sealed class ServiceBusPublishException : Exception
{
    public ServiceBusPublishException()
    {
    }

    public ServiceBusPublishException(string message) : base(message)
    {
    }

    public ServiceBusPublishException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public ServiceBusPublishException(string message, HttpStatusCode statusCode, TimeSpan? retryAfter) : base(message)
    {
        StatusCode = statusCode;
        RetryAfter = retryAfter;
    }

    public HttpStatusCode? StatusCode { get; }

    /// <summary>The broker's Retry-After, if it sent one.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Worth sending again: throttled (429) or failed on the broker's side (5xx).</summary>
    public bool IsTransient => StatusCode is HttpStatusCode.TooManyRequests || (int?)StatusCode >= 500;
}

/// <summary>One event whose message alone exceeds the batch size limit; nothing of the publish was sent.</summary>
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

    public ServiceBusMessageTooLargeException(string eventId, int messageBytes, int maxBatchBytes)
        : base($"Event '{eventId}' is {messageBytes} bytes as a Service Bus message, more than MaxBatchBytes ({maxBatchBytes}) on its own; nothing was sent.")
    {
        EventId = eventId;
        MessageBytes = messageBytes;
    }

    public string? EventId { get; }

    public int MessageBytes { get; }
}
