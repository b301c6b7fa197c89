// Stand-in for the real public type; public surface as in the real one, body our own.
// Real: Azure/azure-functions-dotnet-worker src/DotNetWorker.Core/Context/BindingContext.cs
// (package Microsoft.Azure.Functions.Worker.Core; namespace Microsoft.Azure.Functions.Worker).

namespace Microsoft.Azure.Functions.Worker;

/// <summary>The binding information of one function invocation.</summary>
public abstract class BindingContext
{
    /// <summary>The trigger's binding data (metadata) of this invocation.</summary>
    public abstract IReadOnlyDictionary<string, object?> BindingData { get; }
}
