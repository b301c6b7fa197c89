using System.Diagnostics;

namespace ServerlessInventory.LocalRunner.Tests.Support;

/// <summary>
/// Events apply asynchronously (webhook, topic, apply function; change feed, push), so the tests poll until a
/// condition holds: bounded in time, and failing with what was last seen instead of hanging.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan _interval = TimeSpan.FromMilliseconds(50);

    /// <summary>Probes until <paramref name="done"/> holds for what the probe returned, and returns that value.</summary>
    public static async Task<T> UntilAsync<T>(
        string what,
        Func<CancellationToken, Task<T>> probe,
        Func<T, bool> done,
        CancellationToken cancellationToken,
        TimeSpan? timeout = null,
        Func<string>? diagnostics = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var clock = Stopwatch.StartNew();
        var probes = 0;
        T last;
        while (true)
        {
            probes++;
            last = await probe(cancellationToken);
            if (done(last))
            {
                return last;
            }
            if (clock.Elapsed > limit)
            {
                break;
            }
            await Task.Delay(_interval, cancellationToken);
        }
        throw new TimeoutException(
            $"not within {limit.TotalSeconds:0.#} s ({probes} probes): {what}\nlast seen: {Describe(last)}"
            + (diagnostics is null ? "" : "\n" + diagnostics()));
    }

    private static string Describe<T>(T value) => value switch
    {
        null => "null",
        string text => text,
        System.Collections.IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(i => i?.ToString())) + "]",
        _ => value.ToString() ?? "",
    };
}
