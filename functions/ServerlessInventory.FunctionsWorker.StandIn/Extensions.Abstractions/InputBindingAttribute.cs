// Stand-in for the real public type; public surface as in the real one, body our own.
// Real: Azure/azure-functions-dotnet-worker extensions/Worker.Extensions.Abstractions/src/InputBindingAttribute.cs
// (package Microsoft.Azure.Functions.Worker.Extensions.Abstractions).

namespace Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

/// <summary>Base of input binding attributes (placed on a function parameter).</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public abstract class InputBindingAttribute : BindingAttribute
{
    /// <summary>Creates the attribute.</summary>
    public InputBindingAttribute()
    {
    }
}
