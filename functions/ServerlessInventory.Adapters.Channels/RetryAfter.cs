using System.Net;
using System.Net.Http.Headers;

namespace ServerlessInventory.Adapters.Channels;

/// <summary>A channel answered 429 or 503 with <c>Retry-After</c>: how long it asked us to wait.</summary>
public sealed class ChannelRetryAfterException(HttpStatusCode status, TimeSpan retryAfter)
    : HttpRequestException($"the channel answered {(int)status} with Retry-After {retryAfter.TotalSeconds:0.###} s", null, status)
{
    public TimeSpan RetryAfter { get; } = retryAfter;

    /// <summary>The wait a 429 or 503 asks for (seconds or an HTTP date), at most <paramref name="longest"/>; null for another status or no header.</summary>
    public static TimeSpan? Of(HttpResponseMessage response, TimeProvider timeProvider, TimeSpan longest)
    {
        if (response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable) || response.Headers.RetryAfter is not RetryConditionHeaderValue header)
        {
            return null;
        }
        var wait = header.Delta ?? (header.Date is { } date ? date - timeProvider.GetUtcNow() : TimeSpan.Zero);
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > longest ? longest : wait;
    }
}
