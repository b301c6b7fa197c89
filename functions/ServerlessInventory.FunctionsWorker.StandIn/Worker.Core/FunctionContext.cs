// Stand-in for the real public type; public surface as in the real one, body our own.
// Real: Azure/azure-functions-dotnet-worker src/DotNetWorker.Core/Context/FunctionContext.cs
// (package Microsoft.Azure.Functions.Worker.Core; namespace Microsoft.Azure.Functions.Worker).
// All members abstract as in the real type, except CancellationToken, which is virtual and defaults to None.

namespace Microsoft.Azure.Functions.Worker;

/// <summary>The information about one function execution.</summary>
public abstract class FunctionContext
{
    /// <summary>The invocation's unique id.</summary>
    public abstract string InvocationId { get; }

    /// <summary>The function's id, stable across invocations.</summary>
    public abstract string FunctionId { get; }

    /// <summary>The distributed tracing context.</summary>
    public abstract TraceContext TraceContext { get; }

    /// <summary>The binding data of this invocation.</summary>
    public abstract BindingContext BindingContext { get; }

    /// <summary>The retry activity for the event that triggered this invocation.</summary>
    public abstract RetryContext RetryContext { get; }

    /// <summary>The services of this execution.</summary>
    public abstract IServiceProvider InstanceServices { get; set; }

    /// <summary>The definition of the function being executed.</summary>
    public abstract FunctionDefinition FunctionDefinition { get; }

    /// <summary>Data shared within this invocation.</summary>
    public abstract IDictionary<object, object> Items { get; set; }

    /// <summary>The features this context supports.</summary>
    public abstract IInvocationFeatures Features { get; }

    /// <summary>Signals that the invocation is being cancelled.</summary>
    public virtual CancellationToken CancellationToken { get; } = CancellationToken.None;
}
