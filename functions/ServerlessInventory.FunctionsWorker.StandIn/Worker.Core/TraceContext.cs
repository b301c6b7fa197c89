// Stand-in for the real public type; public surface as in the real one, body our own.
// Real: Azure/azure-functions-dotnet-worker src/DotNetWorker.Core/Context/TraceContext.cs
// (package Microsoft.Azure.Functions.Worker.Core; namespace Microsoft.Azure.Functions.Worker).

using System.Collections.Immutable;

namespace Microsoft.Azure.Functions.Worker;

/// <summary>The trace context of an invocation.</summary>
public abstract class TraceContext
{
    /// <summary>The W3C traceparent of the incoming invocation.</summary>
    public abstract string TraceParent { get; }

    /// <summary>The W3C tracestate.</summary>
    public abstract string TraceState { get; }

    /// <summary>The attributes of the trace; empty unless overridden.</summary>
    public virtual IReadOnlyDictionary<string, string> Attributes => ImmutableDictionary<string, string>.Empty;

    /// <summary>The baggage of the trace; empty unless overridden.</summary>
    public virtual IReadOnlyDictionary<string, string> Baggage => ImmutableDictionary<string, string>.Empty;
}
