using Microsoft.Extensions.Logging;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Core.Application;

/// <summary>
/// A channel that comes back gets what it is owed at once instead of at the next retry round. The sink says when a
/// channel cannot take pushes (<see cref="ChannelUnavailableException"/>, with how long its circuit stays open); the
/// handler then tries that channel again when that time is up, one owed value first (the circuit's trial), and as
/// soon as any push to it succeeds (that trial, or a push of a new change) sends every value it is owed, in rounds of
/// <see cref="DrainBatchSize"/> SKUs with at most <see cref="MaxConcurrentPushes"/> in flight. The rounds are the
/// ordinary ones, so versions keep strictly increasing; the retry round stays the backstop (a restart, more owed
/// values than one listing holds).
/// </summary>
public sealed partial class PushAvailabilityHandler : IDisposable
{
    /// <summary>The soonest an unavailable channel is tried again, whatever the sink says (1 s): a floor on probing a channel that is down.</summary>
    public static readonly TimeSpan RecoveryProbeDelay = TimeSpan.FromSeconds(1);

    /// <summary>SKUs per round while a recovered channel is sent what it is owed (100).</summary>
    public const int DrainBatchSize = 100;

    private readonly Lock _recoveryGate = new();
    private readonly Dictionary<ChannelId, Recovery> _recoveries = [];
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>One channel's way back: whether its last push failed, the probe waiting to try it, the drain sending to it.</summary>
    private sealed class Recovery
    {
        public bool Unavailable { get; set; }

        /// <summary>Before this the sink said trying is pointless (its circuit is open).</summary>
        public DateTimeOffset NotBefore { get; set; }

        public ITimer? Probe { get; set; }

        public Task? Drain { get; set; }
    }

    private void OnChannelUnavailable(ChannelId channel, TimeSpan? retryAfter)
    {
        lock (_recoveryGate)
        {
            if (_stopping.IsCancellationRequested)
            {
                return;
            }
            if (!_recoveries.TryGetValue(channel, out var recovery))
            {
                _recoveries[channel] = recovery = new Recovery();
            }
            recovery.Unavailable = true;
            var now = timeProvider.GetUtcNow();
            if (retryAfter is { } after && now + after > recovery.NotBefore)
            {
                recovery.NotBefore = now + after;
            }
            // A drain under way stops at this failure and schedules the probe itself when it ends.
            if (recovery.Drain is null)
            {
                ScheduleProbe(channel, recovery);
            }
        }
    }

    /// <summary>Called holding the gate, for a channel that is unavailable and has no drain under way.</summary>
    private void ScheduleProbe(ChannelId channel, Recovery recovery)
    {
        if (recovery.Probe is not null || _stopping.IsCancellationRequested)
        {
            return;
        }
        var wait = recovery.NotBefore - timeProvider.GetUtcNow();
        recovery.Probe = timeProvider.CreateTimer(_ => StartDrain(channel, trialFirst: true), null, wait > RecoveryProbeDelay ? wait : RecoveryProbeDelay, Timeout.InfiniteTimeSpan);
    }

    private void OnChannelAnswered(ChannelId channel)
    {
        lock (_recoveryGate)
        {
            if (!_recoveries.TryGetValue(channel, out var recovery) || !recovery.Unavailable)
            {
                return;
            }
            recovery.Unavailable = false;
        }
        LogChannelBack(logger, channel);
        StartDrain(channel, trialFirst: false);
    }

    /// <summary>
    /// Starts sending the channel what it is owed, unless a drain already does. It runs on its own: it is started from
    /// inside a round, and its rounds wait for that one to finish.
    /// </summary>
    private void StartDrain(ChannelId channel, bool trialFirst)
    {
        lock (_recoveryGate)
        {
            if (_stopping.IsCancellationRequested || !_recoveries.TryGetValue(channel, out var recovery))
            {
                return;
            }
            recovery.Probe?.Dispose();
            recovery.Probe = null;
            if (recovery.Drain is not null)
            {
                return;
            }
            recovery.Drain = Task.Run(() => DrainAsync(channel, recovery, trialFirst, _stopping.Token));
        }
    }

    private async Task DrainAsync(ChannelId channel, Recovery recovery, bool trialFirst, CancellationToken cancellationToken)
    {
        try
        {
            var owed = (await states.ListUndeliveredAsync(RetryBatchSize, cancellationToken).ConfigureAwait(false))
                .Where(s => s.Channel == channel).Select(s => s.Sku).Distinct().ToList();
            // A probe sends one value first: while the circuit is half-open the others would fail in the same instant.
            var size = trialFirst ? 1 : DrainBatchSize;
            for (var next = 0; next < owed.Count; next += size, size = DrainBatchSize)
            {
                await HandleAsync(owed.GetRange(next, Math.Min(size, owed.Count - next)), cancellationToken).ConfigureAwait(false);
                if (IsUnavailable(recovery))
                {
                    break;
                }
            }
            if (owed.Count == 0)
            {
                lock (_recoveryGate)
                {
                    recovery.Unavailable = false; // Nothing owed: nothing to probe for.
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception failure)
        {
            // The store failed us: the values stay owed, for the next probe or the retry round.
            LogDrainFailed(logger, channel, failure.Message);
            lock (_recoveryGate)
            {
                recovery.Unavailable = true;
            }
        }
        finally
        {
            lock (_recoveryGate)
            {
                recovery.Drain = null;
                if (recovery.Unavailable)
                {
                    ScheduleProbe(channel, recovery);
                }
            }
        }
    }

    /// <summary>Completes once no drain is under way (what they left unavailable has its probe scheduled).</summary>
    internal async Task DrainsSettledAsync()
    {
        while (true)
        {
            Task[] running;
            lock (_recoveryGate)
            {
                running = [.. _recoveries.Values.Select(r => r.Drain).OfType<Task>()];
            }
            if (running.Length == 0)
            {
                return;
            }
            await Task.WhenAll(running).ConfigureAwait(false);
        }
    }

    private bool IsUnavailable(Recovery recovery)
    {
        lock (_recoveryGate)
        {
            return recovery.Unavailable;
        }
    }

    /// <summary>Stops probes and drains (what they had not sent stays owed) and waits briefly for those under way.</summary>
    public void Dispose()
    {
        List<Task> drains;
        lock (_recoveryGate)
        {
            _stopping.Cancel();
            foreach (var recovery in _recoveries.Values)
            {
                recovery.Probe?.Dispose();
            }
            drains = [.. _recoveries.Values.Select(r => r.Drain).OfType<Task>()];
        }
        // Drains end at cancellation; the bound only guards against a sink that ignores it.
        Task.WaitAll([.. drains], TimeSpan.FromSeconds(5));
        _stopping.Dispose();
        _round.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Channel {Channel} answers again: sending it what it is owed now")]
    private static partial void LogChannelBack(ILogger logger, ChannelId channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending channel {Channel} what it is owed failed; it stays owed: {Reason}")]
    private static partial void LogDrainFailed(ILogger logger, ChannelId channel, string reason);
}
