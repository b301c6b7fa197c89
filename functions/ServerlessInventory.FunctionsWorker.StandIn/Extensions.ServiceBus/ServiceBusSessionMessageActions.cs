// Stand-in for the real public type; public surface as in the real one, body our own.
// Real: Azure/azure-functions-dotnet-worker extensions/Worker.Extensions.ServiceBus/src/ServiceBusSessionMessageActions.cs
// (package Microsoft.Azure.Functions.Worker.Extensions.ServiceBus; namespace Microsoft.Azure.Functions.Worker).
// As in the real type: a protected parameterless constructor for derived types, every member virtual,
// SessionLockedUntil with a protected setter, and ReleaseSession WITHOUT an "Async" suffix (it returns a Task).
// The base members return a faulted Task (NotSupportedException): there is no host session here; a local runner
// derives from this type and overrides them.

namespace Microsoft.Azure.Functions.Worker;

/// <summary>Manages the session of a session-enabled Service Bus triggered function.</summary>
public class ServiceBusSessionMessageActions
{
    /// <summary>For derived types (the real type documents this constructor as being for mocking).</summary>
    protected ServiceBusSessionMessageActions()
    {
    }

    /// <summary>When the session lock expires.</summary>
    public virtual DateTimeOffset SessionLockedUntil { get; protected set; }

    /// <summary>Gets the session's state.</summary>
    public virtual Task<BinaryData> GetSessionStateAsync(
        CancellationToken cancellationToken = default) =>
        Task.FromException<BinaryData>(NoSession());

    /// <summary>Sets the session's state.</summary>
    public virtual Task SetSessionStateAsync(
        BinaryData sessionState,
        CancellationToken cancellationToken = default) =>
        Task.FromException(NoSession());

    /// <summary>Releases the session so another receiver can accept it.</summary>
    public virtual Task ReleaseSession(
        CancellationToken cancellationToken = default) =>
        Task.FromException(NoSession());

    /// <summary>Renews the session lock; updates <see cref="SessionLockedUntil"/>.</summary>
    public virtual Task RenewSessionLockAsync(
        CancellationToken cancellationToken = default) =>
        Task.FromException(NoSession());

    private static NotSupportedException NoSession() =>
        new("The Functions worker stand-in has no host session; override this member in a derived type.");
}
