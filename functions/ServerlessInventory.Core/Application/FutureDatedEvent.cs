using ServerlessInventory.Core.Events;

namespace ServerlessInventory.Core.Application;

/// <summary>
/// Whether an event claims to have happened later than it reached us, beyond the clock tolerance. Decided at ingest so
/// that a channel is never answered <c>accepted</c> for an event whose moment is a clock error: it is parked instead,
/// with this reason, and ops replay it once the channel's clock is fixed or the event is understood.
/// </summary>
public static class FutureDatedEvent
{
    /// <summary>The field that lies too far ahead and why, or null when every moment the event carries is plausible.</summary>
    public static (string Field, string Reason)? Check(InventoryEvent evt, DateTimeOffset receivedAt, TimeSpan tolerance)
    {
        var latest = receivedAt + tolerance;
        if (evt.Time > latest)
        {
            return ("time", Reason(evt.Time, receivedAt, tolerance));
        }
        return evt is StockCounted count && count.CountedAt > latest
            ? ("data.countedAt", Reason(count.CountedAt, receivedAt, tolerance))
            : null;
    }

    private static string Reason(DateTimeOffset claimed, DateTimeOffset receivedAt, TimeSpan tolerance) => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"is {claimed:O}, more than {tolerance} after it was received ({receivedAt:O}): the sender's clock is ahead");
}
