namespace ServerlessInventory.Core.Operations.Health;

/// <summary>Webhook events by outcome over a window.</summary>
public sealed record WebhookCounts(long Accepted, long Duplicate, long Parked)
{
    public long Total => Accepted + Duplicate + Parked;
}

/// <summary>
/// Webhook outcomes over the last hour in one-second buckets: a count over any window up to an hour is exact to the
/// second, and memory stays at 3,600 buckets however many webhooks arrive.
/// </summary>
public sealed class WebhookWindow(TimeProvider timeProvider)
{
    public static readonly TimeSpan Span = TimeSpan.FromHours(1);

    private static readonly int Buckets = (int)Span.TotalSeconds;

    private readonly long[] _second = new long[Buckets];
    private readonly long[] _accepted = new long[Buckets];
    private readonly long[] _duplicate = new long[Buckets];
    private readonly long[] _parked = new long[Buckets];
    private readonly Lock _gate = new();

    public void Record(int accepted, int duplicates, int parked)
    {
        var now = NowSecond();
        var i = (int)(now % Buckets);
        lock (_gate)
        {
            if (_second[i] != now)
            {
                // The bucket still holds the same second an hour ago: reuse it.
                (_second[i], _accepted[i], _duplicate[i], _parked[i]) = (now, 0, 0, 0);
            }
            _accepted[i] += accepted;
            _duplicate[i] += duplicates;
            _parked[i] += parked;
        }
    }

    /// <summary>Counts over the last <paramref name="window"/> (at most <see cref="Span"/>), this second included.</summary>
    public WebhookCounts Over(TimeSpan window)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(window, Span);
        var now = NowSecond();
        var from = now - (long)window.TotalSeconds;
        long accepted = 0, duplicate = 0, parked = 0;
        lock (_gate)
        {
            for (var i = 0; i < Buckets; i++)
            {
                if (_second[i] > from && _second[i] <= now)
                {
                    accepted += _accepted[i];
                    duplicate += _duplicate[i];
                    parked += _parked[i];
                }
            }
        }
        return new WebhookCounts(accepted, duplicate, parked);
    }

    private long NowSecond() => timeProvider.GetUtcNow().ToUnixTimeSeconds();
}
