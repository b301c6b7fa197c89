// Stand-in for the real public type; public surface as in the real one, body our own.
// Real: Azure/azure-functions-dotnet-worker src/DotNetWorker.Core/Context/RetryContext.cs
// (package Microsoft.Azure.Functions.Worker.Core; namespace Microsoft.Azure.Functions.Worker).

namespace Microsoft.Azure.Functions.Worker;

/// <summary>The retry activity for the event that triggered an invocation.</summary>
public abstract class RetryContext
{
    /// <summary>The retry count for the current event.</summary>
    public abstract int RetryCount { get; }

    /// <summary>The maximum number of retries before the event is considered undeliverable.</summary>
    public abstract int MaxRetryCount { get; }
}
