// Stand-in for the real public type; public surface as in the real one, body our own.
// Real: Azure/azure-functions-dotnet-worker extensions/Worker.Extensions.Abstractions/src/FixedDelayRetryAttribute.cs
// (package Microsoft.Azure.Functions.Worker.Extensions.Abstractions; namespace Microsoft.Azure.Functions.Worker).
// Validation as in the real constructor: an unparsable or negative interval throws ArgumentOutOfRangeException.

namespace Microsoft.Azure.Functions.Worker;

/// <summary>Retries with the same delay between attempts.</summary>
public sealed class FixedDelayRetryAttribute : RetryAttribute
{
    /// <summary>Creates the policy.</summary>
    /// <param name="maxRetryCount">The maximum number of retries per function execution.</param>
    /// <param name="delayInterval">The delay between retries, as HH:mm:ss.</param>
    public FixedDelayRetryAttribute(int maxRetryCount, string delayInterval)
    {
        if (!TimeSpan.TryParse(delayInterval, out var delay))
        {
            throw new ArgumentOutOfRangeException(nameof(delayInterval));
        }

        if (delay.Ticks < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(delayInterval), "The TimeSpan must not be negative.");
        }

        MaxRetryCount = maxRetryCount;
        DelayInterval = delayInterval;
    }

    /// <summary>The delay between retries, as HH:mm:ss.</summary>
    public string DelayInterval { get; }
}
