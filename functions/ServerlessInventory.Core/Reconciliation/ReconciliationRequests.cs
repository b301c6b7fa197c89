using Microsoft.Extensions.Logging;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Core.Reconciliation;

/// <summary>
/// Runs asked for on demand: saved as running at once (so the caller gets their ids and a run that stops is resumed by
/// the next timer run), then carried out in the background of this instance.
/// </summary>
public sealed partial class ReconciliationRequests(ReconcileChannelHandler handler, ILogger<ReconciliationRequests> logger) : IAsyncDisposable, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _running = [];
    private readonly Lock _gate = new();

    /// <summary>The runs started (or resumed), or null when the channel is not a selling channel.</summary>
    public async Task<IReadOnlyList<ReconciliationRun>?> RequestAsync(ChannelId? channel, CancellationToken cancellationToken)
    {
        var runs = await handler.StartAsync(channel, cancellationToken).ConfigureAwait(false);
        foreach (var run in runs ?? [])
        {
            var work = Task.Run(() => CarryOutAsync(run.RunId), CancellationToken.None);
            lock (_gate)
            {
                _running.RemoveAll(t => t.IsCompleted);
                _running.Add(work);
            }
        }
        return runs;
    }

    private async Task CarryOutAsync(string runId)
    {
        try
        {
            await handler.RunAsync(runId, _stopping.Token).ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            LogRunFailed(logger, runId, failure);
        }
        catch (OperationCanceledException)
        {
            // Stopped with its host: its checkpoint is saved, and the next run resumes it.
        }
    }

    /// <summary>Stops runs in the background at their next step; each resumes from its checkpoint later.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        Task[] running;
        lock (_gate)
        {
            running = [.. _running];
        }
        await Task.WhenAll(running).ConfigureAwait(false);
        _stopping.Dispose();
    }

    /// <summary>Stops runs in the background without waiting: a synchronous container's shutdown; each resumes from its checkpoint.</summary>
    public void Dispose() => _stopping.Cancel();

    [LoggerMessage(Level = LogLevel.Error, Message = "Reconciliation run {RunId} failed; the next run resumes it from its checkpoint")]
    private static partial void LogRunFailed(ILogger logger, string runId, Exception failure);
}
