// Stand-in for the real public type; public surface as in the real one, body our own.
// Real: Azure/azure-functions-dotnet-worker extensions/Worker.Extensions.Http/src/HttpTriggerAttribute.cs
// (package Microsoft.Azure.Functions.Worker.Extensions.Http; namespace Microsoft.Azure.Functions.Worker).
// As in the real type: the parameterless constructor sets AuthLevel = Function, but the (params string[] methods)
// constructor leaves AuthLevel at default(AuthorizationLevel) == Anonymous. Always pass the level explicitly.
// No AttributeUsage of its own: it inherits TriggerBindingAttribute's (Parameter), as the real type does.

using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace Microsoft.Azure.Functions.Worker;

/// <summary>Marks the parameter that receives the HTTP request of an HTTP-triggered function.</summary>
public sealed class HttpTriggerAttribute : TriggerBindingAttribute
{
    /// <summary>Any method; AuthLevel = <see cref="AuthorizationLevel.Function"/>.</summary>
    public HttpTriggerAttribute()
    {
        AuthLevel = AuthorizationLevel.Function;
    }

    /// <summary>The given methods; AuthLevel is left at <see cref="AuthorizationLevel.Anonymous"/> (the default).</summary>
    public HttpTriggerAttribute(params string[] methods)
    {
        Methods = methods;
    }

    /// <summary>Any method, with the given authorization level.</summary>
    public HttpTriggerAttribute(AuthorizationLevel authLevel)
    {
        AuthLevel = authLevel;
    }

    /// <summary>The given methods, with the given authorization level.</summary>
    public HttpTriggerAttribute(AuthorizationLevel authLevel, params string[] methods)
    {
        AuthLevel = authLevel;
        Methods = methods;
    }

    /// <summary>The route template; the function's name when not set.</summary>
    public string? Route { get; set; }

    /// <summary>The HTTP methods the function supports; null means any.</summary>
    public string[]? Methods { get; private set; }

    /// <summary>The authorization level the function requires.</summary>
    public AuthorizationLevel AuthLevel { get; private set; }
}
