// Stand-in for the real public type; public surface as used by our functions, body our own.
// Real: Azure/azure-sdk-for-net sdk/servicebus/Azure.Messaging.ServiceBus/src/Primitives/ServiceBusModelFactory.cs
// (package Azure.Messaging.ServiceBus; API listing sdk/servicebus/Azure.Messaging.ServiceBus/api/Azure.Messaging.ServiceBus.net10.0.cs).
//
// Nullable: disabled, as in ServiceBusReceivedMessage.cs: the real library is not nullable-annotated, so its
// `string messageId = default` parameters are oblivious to callers; `#nullable disable` reproduces that.
//
// Only the current ServiceBusReceivedMessage overload (every parameter optional, sequenceNumber = -1) is here.
// Omitted: the [EditorBrowsable(Never)] overload without defaults and without serviceBusMessageState, and the
// factory methods of other types. Because the real message has no public constructor, this method is the only
// way for our runner and tests to create messages, exactly as with the real package.

#nullable disable

namespace Azure.Messaging.ServiceBus;

/// <summary>Creates Service Bus models for tests and local hosting.</summary>
public static class ServiceBusModelFactory
{
    /// <summary>Creates a received message.</summary>
    /// <param name="body">The payload; an empty body when null.</param>
    /// <param name="messageId">The message id.</param>
    /// <param name="partitionKey">The partition key.</param>
    /// <param name="viaPartitionKey">Becomes <see cref="ServiceBusReceivedMessage.TransactionPartitionKey"/>.</param>
    /// <param name="sessionId">The session id.</param>
    /// <param name="replyToSessionId">The reply-to session id.</param>
    /// <param name="timeToLive">The time to live; default reads back as <see cref="TimeSpan.MaxValue"/>.</param>
    /// <param name="correlationId">The correlation id.</param>
    /// <param name="subject">The subject.</param>
    /// <param name="to">The "to" address.</param>
    /// <param name="contentType">The content type.</param>
    /// <param name="replyTo">The reply-to address.</param>
    /// <param name="scheduledEnqueueTime">The scheduled enqueue time.</param>
    /// <param name="properties">The application properties (copied); also the source of the dead-letter reason and description.</param>
    /// <param name="lockTokenGuid">The lock token.</param>
    /// <param name="deliveryCount">The delivery count.</param>
    /// <param name="lockedUntil">The lock expiry.</param>
    /// <param name="sequenceNumber">The sequence number; -1 by default.</param>
    /// <param name="deadLetterSource">The dead-letter source.</param>
    /// <param name="enqueuedSequenceNumber">The enqueued sequence number.</param>
    /// <param name="enqueuedTime">The enqueued time.</param>
    /// <param name="serviceBusMessageState">The message state.</param>
    /// <returns>The message.</returns>
    public static ServiceBusReceivedMessage ServiceBusReceivedMessage(
        BinaryData body = default,
        string messageId = default,
        string partitionKey = default,
        string viaPartitionKey = default,
        string sessionId = default,
        string replyToSessionId = default,
        TimeSpan timeToLive = default,
        string correlationId = default,
        string subject = default,
        string to = default,
        string contentType = default,
        string replyTo = default,
        DateTimeOffset scheduledEnqueueTime = default,
        IDictionary<string, object> properties = default,
        Guid lockTokenGuid = default,
        int deliveryCount = default,
        DateTimeOffset lockedUntil = default,
        long sequenceNumber = -1,
        string deadLetterSource = default,
        long enqueuedSequenceNumber = default,
        DateTimeOffset enqueuedTime = default,
        ServiceBusMessageState serviceBusMessageState = default) =>
        ServiceBus.ServiceBusReceivedMessage.Create(
            body, messageId, partitionKey, viaPartitionKey, sessionId, replyToSessionId, timeToLive, correlationId,
            subject, to, contentType, replyTo, scheduledEnqueueTime, properties, lockTokenGuid, deliveryCount,
            lockedUntil, sequenceNumber, deadLetterSource, enqueuedSequenceNumber, enqueuedTime,
            serviceBusMessageState);
}
