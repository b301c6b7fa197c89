namespace ServerlessInventory.Adapters.Tables;

/// <summary>
/// Times are stored as UTC ticks (Int64) rather than table DateTime values: exact to the tick, and the same number the
/// keys that sort by time are made of, so a row and its index entry can be compared without rounding.
/// </summary>
internal static class TableTime
{
    public static DateTimeOffset FromTicks(long? ticks) =>
        ticks is { } value ? new DateTimeOffset(value, TimeSpan.Zero) : throw new InvalidOperationException("a stored time is missing");
}
