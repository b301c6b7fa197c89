namespace ServerlessInventory.Testing.Shopify;

/// <summary>
/// Shopify's leaky bucket for one app and shop: a call needs its requested cost available before it runs, is refunded
/// what it did not use, and the bucket refills at <see cref="RestoreRate"/> points a second up to <see cref="MaximumAvailable"/>.
/// </summary>
public sealed class ShopifyBucket(double maximumAvailable, double restoreRate, TimeProvider timeProvider)
{
    private readonly Lock _gate = new();
    private double _available = maximumAvailable;
    private DateTimeOffset _at = timeProvider.GetUtcNow();

    public double MaximumAvailable { get; } = maximumAvailable;

    public double RestoreRate { get; } = restoreRate;

    /// <summary>Takes <paramref name="cost"/> when the bucket holds it; returns whether it did and what is left.</summary>
    public (bool Taken, double Available) TryTake(double cost)
    {
        lock (_gate)
        {
            Refill();
            if (_available < cost)
            {
                return (false, _available);
            }
            _available -= cost;
            return (true, _available);
        }
    }

    public double Refund(double points)
    {
        lock (_gate)
        {
            Refill();
            _available = Math.Min(MaximumAvailable, _available + points);
            return _available;
        }
    }

    private void Refill()
    {
        var now = timeProvider.GetUtcNow();
        _available = Math.Min(MaximumAvailable, _available + (RestoreRate * (now - _at).TotalSeconds));
        _at = now;
    }
}
