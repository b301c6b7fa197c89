using System.Threading.RateLimiting;

namespace ServerlessInventory.Adapters.Channels;

/// <summary>
/// One channel's request rate as a token bucket refilled on the injected clock: the library's own refill runs on a
/// system timer, which a test's <c>FakeTimeProvider</c> could not drive and which would read time behind our back.
/// </summary>
internal sealed class ChannelRateLimiter : IDisposable
{
    /// <summary>Refills come at most this often; a slower rate refills one token per period.</summary>
    private static readonly TimeSpan _shortestPeriod = TimeSpan.FromMilliseconds(100);

    private readonly ITimer _refill;

    public ChannelRateLimiter(double requestsPerSecond, int queueLimit, TimeProvider timeProvider)
    {
        var period = TimeSpan.FromSeconds(1 / requestsPerSecond);
        var tokens = 1;
        if (period < _shortestPeriod)
        {
            period = _shortestPeriod;
            tokens = (int)Math.Round(requestsPerSecond * _shortestPeriod.TotalSeconds);
        }
        Limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = tokens,
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = period,
            AutoReplenishment = false,
            QueueLimit = queueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        _refill = timeProvider.CreateTimer(_ => Limiter.TryReplenish(), null, period, period);
    }

    public TokenBucketRateLimiter Limiter { get; }

    public void Dispose()
    {
        _refill.Dispose();
        Limiter.Dispose();
    }
}
