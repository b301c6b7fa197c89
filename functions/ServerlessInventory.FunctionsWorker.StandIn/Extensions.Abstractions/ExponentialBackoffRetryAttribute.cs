// Stand-in for the real public type; public surface as in the real one, body our own.
// Real: Azure/azure-functions-dotnet-worker extensions/Worker.Extensions.Abstractions/src/ExponentialBackoffRetryAttribute.cs
// (package Microsoft.Azure.Functions.Worker.Extensions.Abstractions; namespace Microsoft.Azure.Functions.Worker).
// Validation as in the real constructor: unparsable or negative intervals throw ArgumentOutOfRangeException;
// a minimum greater than the maximum throws ArgumentException.

namespace Microsoft.Azure.Functions.Worker;

/// <summary>Retries with a delay that grows between a minimum and a maximum.</summary>
public sealed class ExponentialBackoffRetryAttribute : RetryAttribute
{
    /// <summary>Creates the policy.</summary>
    /// <param name="maxRetryCount">The maximum number of retries per function execution.</param>
    /// <param name="minimumInterval">The minimum delay, as HH:mm:ss.</param>
    /// <param name="maximumInterval">The maximum delay, as HH:mm:ss.</param>
    public ExponentialBackoffRetryAttribute(int maxRetryCount, string minimumInterval, string maximumInterval)
    {
        if (!TimeSpan.TryParse(minimumInterval, out var minimum))
        {
            throw new ArgumentOutOfRangeException(nameof(minimumInterval));
        }

        if (!TimeSpan.TryParse(maximumInterval, out var maximum))
        {
            throw new ArgumentOutOfRangeException(nameof(maximumInterval));
        }

        if (minimum.Ticks < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(minimumInterval), "The TimeSpan must not be negative.");
        }

        if (maximum.Ticks < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maximumInterval), "The TimeSpan must not be negative.");
        }

        if (minimum > maximum)
        {
            throw new ArgumentException("The minimumInterval must not be greater than the maximumInterval.", nameof(minimumInterval));
        }

        MaxRetryCount = maxRetryCount;
        MinimumInterval = minimumInterval;
        MaximumInterval = maximumInterval;
    }

    /// <summary>The minimum delay, as HH:mm:ss.</summary>
    public string MinimumInterval { get; }

    /// <summary>The maximum delay, as HH:mm:ss.</summary>
    public string MaximumInterval { get; }
}
