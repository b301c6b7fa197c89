// Stand-in for the real public type; public surface as in the real one, body our own.
// Real: Azure/azure-functions-dotnet-worker extensions/Worker.Extensions.Abstractions/src/RetryAttribute.cs
// (package Microsoft.Azure.Functions.Worker.Extensions.Abstractions; namespace Microsoft.Azure.Functions.Worker).

namespace Microsoft.Azure.Functions.Worker;

/// <summary>Base of the function-level retry policies.</summary>
[AttributeUsage(AttributeTargets.Method)]
public abstract class RetryAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    public RetryAttribute()
    {
    }

    /// <summary>The maximum number of retries allowed per function execution.</summary>
    public int MaxRetryCount { get; set; }
}
