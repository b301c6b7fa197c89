// Stand-in for the real public type; public surface as in the real one, body our own.
// Real: Azure/azure-functions-dotnet-worker extensions/Worker.Extensions.Abstractions/src/TriggerBindingAttribute.cs
// (package Microsoft.Azure.Functions.Worker.Extensions.Abstractions).

namespace Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

/// <summary>Base of trigger binding attributes (placed on a function parameter).</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public abstract class TriggerBindingAttribute : BindingAttribute
{
    /// <summary>Creates the attribute.</summary>
    public TriggerBindingAttribute()
    {
    }
}
