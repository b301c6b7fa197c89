// Stand-in for the real public type; public surface as in the real one.
// Real: Azure/azure-functions-dotnet-worker extensions/Worker.Extensions.Http/src/AuthorizationLevel.cs
// (package Microsoft.Azure.Functions.Worker.Extensions.Http; namespace Microsoft.Azure.Functions.Worker).

namespace Microsoft.Azure.Functions.Worker;

/// <summary>The authorization an HTTP function requires.</summary>
public enum AuthorizationLevel
{
    /// <summary>Anonymous requests are allowed.</summary>
    Anonymous = 0,

    /// <summary>A valid user authentication token is required.</summary>
    User = 1,

    /// <summary>A function key is required.</summary>
    Function = 2,

    /// <summary>A system key is required.</summary>
    System = 3,

    /// <summary>The master key is required.</summary>
    Admin = 4,
}
