using Microsoft.Azure.Functions.Worker;
using ServerlessInventory.Core.Application;

namespace ServerlessInventory.Functions.Timers;

/// <summary>Every minute: pushes again what channels are still owed, with fresh values, so a channel that was down catches up.</summary>
public sealed class RetryPendingPushes(PushAvailabilityHandler handler)
{
    [Function(nameof(RetryPendingPushes))]
    public Task Run([TimerTrigger("%" + AppSettings.RetryPushesSchedule + "%")] TimerInfo timer, CancellationToken cancellationToken) =>
        handler.RetryUndeliveredAsync(cancellationToken);
}
