// Stand-in for the real public type; public surface as in the real one, body our own.
// Real: Azure/azure-functions-dotnet-worker extensions/Worker.Extensions.ServiceBus/src/ServiceBusMessageActions.cs
// (package Microsoft.Azure.Functions.Worker.Extensions.ServiceBus; namespace Microsoft.Azure.Functions.Worker).
// The real type settles through the host's gRPC settlement client (internal constructor) and offers a protected
// parameterless constructor for mocking; every settlement member is virtual. Here only the protected constructor
// exists: a local runner derives from this type and overrides the members to settle against its own topic. The base
// members, like the real async ones, return a faulted Task (ArgumentNullException for a null message, otherwise
// NotSupportedException, because there is no host to settle with) rather than throwing synchronously.
// Note: DeadLetterMessageAsync has ONE overload and its 2nd parameter is Dictionary<string, object>?, so pass the
// reason by name: DeadLetterMessageAsync(message, deadLetterReason: "...", deadLetterErrorDescription: "...").

using Azure.Messaging.ServiceBus;

namespace Microsoft.Azure.Functions.Worker;

/// <summary>Settles the messages of a Service Bus triggered function.</summary>
public class ServiceBusMessageActions
{
    /// <summary>For derived types (the real type documents this constructor as being for mocking).</summary>
    protected ServiceBusMessageActions()
    {
    }

    /// <summary>Completes the message: it is removed from the entity.</summary>
    public virtual Task CompleteMessageAsync(
        ServiceBusReceivedMessage message,
        CancellationToken cancellationToken = default) =>
        NotSettled(message);

    /// <summary>Abandons the message: its lock is released and it becomes available again.</summary>
    public virtual Task AbandonMessageAsync(
        ServiceBusReceivedMessage message,
        IDictionary<string, object>? propertiesToModify = default,
        CancellationToken cancellationToken = default) =>
        NotSettled(message);

    /// <summary>Moves the message to the dead-letter sub-queue.</summary>
    public virtual Task DeadLetterMessageAsync(
        ServiceBusReceivedMessage message,
        Dictionary<string, object>? propertiesToModify = default,
        string? deadLetterReason = default,
        string? deadLetterErrorDescription = default,
        CancellationToken cancellationToken = default) =>
        NotSettled(message);

    /// <summary>Defers the message: it can then be received only by its sequence number.</summary>
    public virtual Task DeferMessageAsync(
        ServiceBusReceivedMessage message,
        IDictionary<string, object>? propertiesToModify = default,
        CancellationToken cancellationToken = default) =>
        NotSettled(message);

    /// <summary>Renews the message's lock.</summary>
    public virtual Task RenewMessageLockAsync(
        ServiceBusReceivedMessage message,
        CancellationToken cancellationToken = default) =>
        NotSettled(message);

    private static Task NotSettled(ServiceBusReceivedMessage message) =>
        message is null
            ? Task.FromException(new ArgumentNullException(nameof(message)))
            : Task.FromException(new NotSupportedException(
                "The Functions worker stand-in has no host to settle with; override this member in a derived type."));
}
