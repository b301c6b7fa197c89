using System.Collections.Concurrent;

namespace ServerlessInventory.Adapters.Channels.Shopify;

/// <summary>The state of a shop's cost bucket as its last answer gave it (<c>extensions.cost.throttleStatus</c>).</summary>
public sealed record ThrottleStatus(double MaximumAvailable, double CurrentlyAvailable, double RestoreRate);

/// <summary>
/// Paces calls to each shop by Shopify's leaky bucket, so they are not answered <c>THROTTLED</c>: one call in flight
/// per shop, and before each, a wait (on the injected clock) until the bucket, as the last answer left it and refilled
/// at its restore rate since, holds the call's cost. A shop never answered yet is called at once: its first answer
/// says what its bucket holds.
/// </summary>
public sealed class ShopifyCostLimiter(TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Waits for the shop's turn; the lease paces and observes its calls until disposed.</summary>
    public async Task<Lease> AcquireAsync(string shop, CancellationToken cancellationToken)
    {
        var bucket = _buckets.GetOrAdd(shop, _ => new Bucket());
        await bucket.Turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Lease(bucket, timeProvider);
    }

    /// <summary>How long a call of <paramref name="cost"/> to <paramref name="shop"/> would wait now (zero when unknown).</summary>
    public TimeSpan WaitFor(string shop, double cost) =>
        _buckets.TryGetValue(shop, out var bucket) ? bucket.WaitFor(cost, timeProvider.GetUtcNow()) : TimeSpan.Zero;

    internal sealed class Bucket
    {
        public SemaphoreSlim Turn { get; } = new(1, 1);

        public ThrottleStatus? Status { get; set; }

        public DateTimeOffset ObservedAt { get; set; }

        public TimeSpan WaitFor(double cost, DateTimeOffset now)
        {
            if (Status is not { RestoreRate: > 0 } status)
            {
                return TimeSpan.Zero;
            }
            // A call dearer than the whole bucket waits for a full one: Shopify refuses it anyway, and says so.
            var needed = Math.Min(cost, status.MaximumAvailable);
            var refilled = Math.Min(status.MaximumAvailable, status.CurrentlyAvailable + (status.RestoreRate * (now - ObservedAt).TotalSeconds));
            return refilled >= needed ? TimeSpan.Zero : TimeSpan.FromSeconds((needed - refilled) / status.RestoreRate);
        }
    }

    /// <summary>The shop's turn: wait for cost before each call, observe each answer, dispose to pass the turn on.</summary>
    public sealed class Lease : IDisposable
    {
        private readonly Bucket _bucket;
        private readonly TimeProvider _timeProvider;
        private bool _disposed;

        internal Lease(Bucket bucket, TimeProvider timeProvider)
        {
            _bucket = bucket;
            _timeProvider = timeProvider;
        }

        /// <summary>Total time this lease waited for the bucket.</summary>
        public TimeSpan Waited { get; private set; }

        /// <summary>Returns once the bucket is known to hold <paramref name="cost"/> points.</summary>
        public async Task WaitForAsync(double cost, CancellationToken cancellationToken)
        {
            // Timers round to whole milliseconds and may fire a little early: wait the next whole one, and look again.
            for (var wait = _bucket.WaitFor(cost, _timeProvider.GetUtcNow()); wait > TimeSpan.Zero; wait = _bucket.WaitFor(cost, _timeProvider.GetUtcNow()))
            {
                var whole = TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds) + 1);
                await Task.Delay(whole, _timeProvider, cancellationToken).ConfigureAwait(false);
                Waited += whole;
            }
        }

        /// <summary>What the shop's answer said its bucket holds now.</summary>
        public void Observe(ThrottleStatus status)
        {
            _bucket.Status = status;
            _bucket.ObservedAt = _timeProvider.GetUtcNow();
        }

        public void Dispose()
        {
            if (!_disposed)
            {
                _disposed = true;
                _bucket.Turn.Release();
            }
        }
    }
}
