using Microsoft.Azure.Functions.Worker;
using ServerlessInventory.Core.Application;

namespace ServerlessInventory.Functions.Timers;

/// <summary>
/// Every minute: pushes again what channels are still owed, with fresh values. The backstop: a channel that comes back
/// is sent what it is owed by the push handler as soon as it answers; this round catches what that missed (a push the
/// channel refused, owed values left by a restart).
/// </summary>
public sealed class RetryPendingPushes(PushAvailabilityHandler handler)
{
    [Function(nameof(RetryPendingPushes))]
    public Task Run([TimerTrigger("%" + AppSettings.RetryPushesSchedule + "%")] TimerInfo timer, CancellationToken cancellationToken) =>
        handler.RetryUndeliveredAsync(cancellationToken);
}
