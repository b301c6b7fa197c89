// Stand-in for the real public type; public surface as in the real one, body our own.
// Real: Azure/azure-functions-dotnet-worker extensions/Worker.Extensions.Abstractions/src/FunctionAttribute.cs
// (package Microsoft.Azure.Functions.Worker.Extensions.Abstractions; namespace Microsoft.Azure.Functions.Worker).

namespace Microsoft.Azure.Functions.Worker;

/// <summary>Marks a method as a function entry point and gives the function its name.</summary>
[AttributeUsage(AttributeTargets.Method)]
public class FunctionAttribute : Attribute
{
    /// <summary>Creates the attribute with the function's name.</summary>
    public FunctionAttribute(string name)
    {
        Name = name;
    }

    /// <summary>The function's name.</summary>
    public string Name { get; }
}
