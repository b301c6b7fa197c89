using ServerlessInventory.Core.Availability;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Core.Reconciliation;

/// <summary>
/// What a channel shows for one SKU, from its latest reports: its pooled level, or the sum of its levels at the locations
/// it sells from (its pushed availability is one pooled value, so that is what it is compared with), whichever is newer.
/// <see cref="Location"/> is where accepting the channel's value records the adjustment: the location of its newest
/// report, or the channel's first location for a pooled one.
/// </summary>
public sealed record ChannelLevel(int Value, DateTimeOffset AsOf, LocationId Location)
{
    /// <summary>Null when none of the levels is pooled or at a location the channel sells from.</summary>
    public static ChannelLevel? Of(IEnumerable<ReportedLevel> levels, ChannelPolicy policy)
    {
        ReportedLevel? pooled = null;
        ReportedLevel? newest = null;
        var sum = 0;
        foreach (var level in levels)
        {
            if (level.Location is not { } location)
            {
                pooled = pooled is null || level.AsOf > pooled.AsOf ? level : pooled;
            }
            else if (policy.SellsFrom(location))
            {
                sum += level.Level;
                newest = newest is null || level.AsOf > newest.AsOf ? level : newest;
            }
        }
        if (pooled is not null && (newest is null || pooled.AsOf >= newest.AsOf))
        {
            return new ChannelLevel(pooled.Level, pooled.AsOf, policy.Locations[0]);
        }
        return newest is null ? null : new ChannelLevel(sum, newest.AsOf, newest.Location!.Value);
    }
}
