// Stand-in for the real public type; public surface as used by our functions, body our own.
// Real: Azure/azure-sdk-for-net sdk/servicebus/Azure.Messaging.ServiceBus/src/Primitives/ServiceBusReceivedMessage.cs
// (package Azure.Messaging.ServiceBus; API listing sdk/servicebus/Azure.Messaging.ServiceBus/api/Azure.Messaging.ServiceBus.net10.0.cs).
//
// Nullable: Azure.Messaging.ServiceBus is NOT nullable-annotated, so to a nullable-enabled caller its reference
// types are oblivious (e.g. MessageId may be null without a warning, and `message.SessionId ?? x` draws none).
// `#nullable disable` below reproduces exactly that, so code that compiles warning-free here does the same
// against the real package.
//
// As in the real type: there is no public constructor (instances come from ServiceBusModelFactory); every public
// member is get-only; the three date-times read back in UTC (offset zero); TimeToLive is TimeSpan.MaxValue when
// none was given; ExpiresAt is EnqueuedTime + TimeToLive, capped at DateTimeOffset.MaxValue; LockToken is the lock
// token Guid's ToString(); DeadLetterReason/DeadLetterErrorDescription are read from ApplicationProperties
// ("DeadLetterReason"/"DeadLetterErrorDescription") as strings; ToString() is "{MessageId:<id>}".
// Omitted: FromAmqpMessage and GetRawAmqpMessage (they need Azure.Core's AMQP types; our functions do not use them).

#nullable disable

using System.Collections.ObjectModel;
using System.Globalization;

namespace Azure.Messaging.ServiceBus;

/// <summary>A message received from a Service Bus queue or subscription.</summary>
public class ServiceBusReceivedMessage
{
    private const string DeadLetterReasonHeader = "DeadLetterReason";
    private const string DeadLetterErrorDescriptionHeader = "DeadLetterErrorDescription";

    private readonly Dictionary<string, object> _applicationProperties = [];

    internal ServiceBusReceivedMessage()
    {
        Body = BinaryData.Empty;
        ApplicationProperties = new ReadOnlyDictionary<string, object>(_applicationProperties);
        TimeToLive = TimeSpan.MaxValue;
    }

    /// <summary>The message's payload; empty (never null) when none was given.</summary>
    public BinaryData Body { get; private init; }

    /// <summary>The application-defined message id.</summary>
    public string MessageId { get; private init; }

    /// <summary>The partition key.</summary>
    public string PartitionKey { get; private init; }

    /// <summary>The partition key of a transfer ("via") queue.</summary>
    public string TransactionPartitionKey { get; private init; }

    /// <summary>The session id.</summary>
    public string SessionId { get; private init; }

    /// <summary>The session id to reply to.</summary>
    public string ReplyToSessionId { get; private init; }

    /// <summary>The time to live; <see cref="TimeSpan.MaxValue"/> when not set.</summary>
    public TimeSpan TimeToLive { get; private init; }

    /// <summary>The correlation id.</summary>
    public string CorrelationId { get; private init; }

    /// <summary>The application-specific label.</summary>
    public string Subject { get; private init; }

    /// <summary>The "to" address.</summary>
    public string To { get; private init; }

    /// <summary>The content type descriptor.</summary>
    public string ContentType { get; private init; }

    /// <summary>The address to reply to.</summary>
    public string ReplyTo { get; private init; }

    /// <summary>When the message was scheduled to be enqueued, in UTC.</summary>
    public DateTimeOffset ScheduledEnqueueTime { get; private init; }

    /// <summary>The application properties (read-only).</summary>
    public IReadOnlyDictionary<string, object> ApplicationProperties { get; }

    /// <summary>The lock token (the lock token Guid as a string).</summary>
    public string LockToken => LockTokenGuid.ToString();

    /// <summary>How many deliveries have been attempted.</summary>
    public int DeliveryCount { get; private init; }

    /// <summary>Until when the message is locked, in UTC.</summary>
    public DateTimeOffset LockedUntil { get; private init; }

    /// <summary>The broker-assigned sequence number.</summary>
    public long SequenceNumber { get; private init; }

    /// <summary>The entity the message was dead-lettered from.</summary>
    public string DeadLetterSource { get; private init; }

    /// <summary>The original sequence number of an auto-forwarded message.</summary>
    public long EnqueuedSequenceNumber { get; private init; }

    /// <summary>When the message was enqueued, in UTC.</summary>
    public DateTimeOffset EnqueuedTime { get; private init; }

    /// <summary>When the message expires: <see cref="EnqueuedTime"/> + <see cref="TimeToLive"/>, capped.</summary>
    public DateTimeOffset ExpiresAt =>
        TimeToLive >= DateTimeOffset.MaxValue.Subtract(EnqueuedTime)
            ? DateTimeOffset.MaxValue
            : EnqueuedTime.Add(TimeToLive);

    /// <summary>The dead-letter reason, from the "DeadLetterReason" application property.</summary>
    public string DeadLetterReason =>
        ApplicationProperties.TryGetValue(DeadLetterReasonHeader, out var reason) ? reason as string : null;

    /// <summary>The dead-letter error description, from the "DeadLetterErrorDescription" application property.</summary>
    public string DeadLetterErrorDescription =>
        ApplicationProperties.TryGetValue(DeadLetterErrorDescriptionHeader, out var description) ? description as string : null;

    /// <summary>The message's state.</summary>
    public ServiceBusMessageState State { get; private init; }

    internal Guid LockTokenGuid { get; private init; }

    /// <summary>"{MessageId:&lt;id&gt;}".</summary>
    public override string ToString() =>
        string.Format(CultureInfo.CurrentCulture, "{{MessageId:{0}}}", MessageId);

    // The factory's only way in: one place that maps its parameters onto the get-only members above.
    internal static ServiceBusReceivedMessage Create(
        BinaryData body,
        string messageId,
        string partitionKey,
        string viaPartitionKey,
        string sessionId,
        string replyToSessionId,
        TimeSpan timeToLive,
        string correlationId,
        string subject,
        string to,
        string contentType,
        string replyTo,
        DateTimeOffset scheduledEnqueueTime,
        IDictionary<string, object> properties,
        Guid lockTokenGuid,
        int deliveryCount,
        DateTimeOffset lockedUntil,
        long sequenceNumber,
        string deadLetterSource,
        long enqueuedSequenceNumber,
        DateTimeOffset enqueuedTime,
        ServiceBusMessageState state)
    {
        var message = new ServiceBusReceivedMessage
        {
            // As real: the body is kept as bytes only (a given MediaType does not survive), and null reads as empty.
            Body = body is null ? BinaryData.Empty : BinaryData.FromBytes(body.ToMemory()),
            MessageId = messageId,
            PartitionKey = partitionKey,
            TransactionPartitionKey = viaPartitionKey,
            SessionId = sessionId,
            ReplyToSessionId = replyToSessionId,
            TimeToLive = timeToLive == default ? TimeSpan.MaxValue : timeToLive,
            CorrelationId = correlationId,
            Subject = subject,
            To = to,
            ContentType = contentType,
            ReplyTo = replyTo,
            ScheduledEnqueueTime = scheduledEnqueueTime.ToUniversalTime(),
            LockTokenGuid = lockTokenGuid,
            DeliveryCount = deliveryCount,
            LockedUntil = lockedUntil.ToUniversalTime(),
            SequenceNumber = sequenceNumber,
            DeadLetterSource = deadLetterSource,
            EnqueuedSequenceNumber = enqueuedSequenceNumber,
            EnqueuedTime = enqueuedTime.ToUniversalTime(),
            State = state,
        };

        if (properties is not null)
        {
            foreach (var property in properties)
            {
                message._applicationProperties.Add(property.Key, property.Value);
            }
        }

        return message;
    }
}
