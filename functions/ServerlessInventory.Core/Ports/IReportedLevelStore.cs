using ServerlessInventory.Core.Domain;

namespace ServerlessInventory.Core.Ports;

/// <summary>
/// What a channel said it shows for a SKU, true at the channel at <see cref="AsOf"/>. <see cref="Location"/> is null
/// for a channel that reports its pooled level.
/// </summary>
public sealed record ReportedLevel(ChannelId Channel, Sku Sku, LocationId? Location, int Level, DateTimeOffset AsOf)
{
    public int Level { get; } = Guard.NotNegative(Level, "level");
}

/// <summary>
/// One page of reported levels: every level of each SKU in it, by SKU; the next page follows <see cref="ContinueAfter"/>
/// (the page's last SKU), null on the last page.
/// </summary>
public sealed record ReportedLevelPage(IReadOnlyList<ReportedLevel> Levels, string? ContinueAfter);

/// <summary>
/// The latest level each channel reported per SKU and location (or pooled), beside the master so a reconciliation
/// run reads them cheaply.
/// </summary>
public interface IReportedLevelStore
{
    /// <summary>
    /// Keeps each level unless one at least as recent (by <see cref="ReportedLevel.AsOf"/>) is kept for its channel, SKU
    /// and location: reports arrive out of order and more than once, and the latest true one wins, also when two writers
    /// (two runs pulling the same channel, a pull and a SKU's commit) race: a store that is not one transaction replaces
    /// what it read only if it is still there (ETag).
    /// </summary>
    Task RecordAsync(IReadOnlyList<ReportedLevel> levels, CancellationToken cancellationToken);

    /// <summary>
    /// The levels of the next <paramref name="maxSkus"/> SKUs the channel reported, after <paramref name="afterSku"/>
    /// (ordinal), by SKU then location; a SKU's levels never straddle two pages.
    /// </summary>
    Task<ReportedLevelPage> ListAsync(ChannelId channel, string? afterSku, int maxSkus, CancellationToken cancellationToken);
}
