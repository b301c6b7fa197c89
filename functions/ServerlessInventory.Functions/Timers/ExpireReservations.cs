using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using ServerlessInventory.Core.Application;

namespace ServerlessInventory.Functions.Timers;

/// <summary>Every minute: makes lapsed reservations durably expired. Availability already ignored them.</summary>
public sealed partial class ExpireReservations(ExpireReservationsHandler handler, ILogger<ExpireReservations> logger)
{
    [Function(nameof(ExpireReservations))]
    public async Task Run([TimerTrigger("%" + AppSettings.ExpireReservationsSchedule + "%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var expired = await handler.HandleAsync(cancellationToken).ConfigureAwait(false);
        if (expired > 0)
        {
            LogExpired(logger, expired);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Expired {Count} lapsed reservations")]
    private static partial void LogExpired(ILogger logger, int count);
}
