// Stand-in for the real public type; body our own.
// Real: Azure/azure-functions-dotnet-worker src/DotNetWorker.Core/Definition/FunctionDefinition.cs
// (package Microsoft.Azure.Functions.Worker.Core; namespace Microsoft.Azure.Functions.Worker).
// DELIBERATELY PARTIAL: the real type also has the abstract members
//   ImmutableArray<FunctionParameter> Parameters, IImmutableDictionary<string, BindingMetadata> InputBindings and
//   IImmutableDictionary<string, BindingMetadata> OutputBindings,
// which would pull in further Worker.Core types our functions do not use. Reading the members below compiles the
// same against the real package; a class DERIVED from this one (a local runner's) would not, because it lacks
// those three overrides. Only stand-in-only code may derive from it.

namespace Microsoft.Azure.Functions.Worker;

/// <summary>A representation of a function.</summary>
public abstract class FunctionDefinition
{
    /// <summary>The path to the assembly that contains the function.</summary>
    public abstract string PathToAssembly { get; }

    /// <summary>The method entry point of the function.</summary>
    public abstract string EntryPoint { get; }

    /// <summary>The function's unique id, assigned by the host.</summary>
    public abstract string Id { get; }

    /// <summary>The function's unique name.</summary>
    public abstract string Name { get; }
}
