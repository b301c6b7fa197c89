using Microsoft.Azure.Functions.Worker;
using ServerlessInventory.Core.Reconciliation;

namespace ServerlessInventory.Functions.Timers;

/// <summary>
/// Hourly (by default): reconciles every selling channel, resuming a channel's unfinished run (one a timer invocation
/// cut short) where its checkpoint says.
/// </summary>
public sealed class ReconcileChannels(ReconcileChannelHandler handler)
{
    [Function(nameof(ReconcileChannels))]
    public Task Run([TimerTrigger("%" + AppSettings.ReconcileChannelsSchedule + "%")] TimerInfo timer, CancellationToken cancellationToken) =>
        handler.RunChannelsAsync(null, cancellationToken);
}
