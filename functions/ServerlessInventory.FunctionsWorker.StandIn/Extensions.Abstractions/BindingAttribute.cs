// Stand-in for the real public type; public surface as in the real one, body our own.
// Real: Azure/azure-functions-dotnet-worker extensions/Worker.Extensions.Abstractions/src/BindingAttribute.cs
// (package Microsoft.Azure.Functions.Worker.Extensions.Abstractions).

namespace Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

/// <summary>Base of every binding attribute.</summary>
[AttributeUsage(AttributeTargets.Method)]
public abstract class BindingAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    public BindingAttribute()
    {
    }
}
