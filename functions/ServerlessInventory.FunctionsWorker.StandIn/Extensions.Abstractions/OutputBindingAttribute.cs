// Stand-in for the real public type; public surface as in the real one, body our own.
// Real: Azure/azure-functions-dotnet-worker extensions/Worker.Extensions.Abstractions/src/OutputBindingAttribute.cs
// (package Microsoft.Azure.Functions.Worker.Extensions.Abstractions).

namespace Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

/// <summary>Base of output binding attributes (placed on a method or a property of the return type).</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Property)]
public abstract class OutputBindingAttribute : BindingAttribute
{
    /// <summary>Creates the attribute.</summary>
    public OutputBindingAttribute()
    {
    }
}
