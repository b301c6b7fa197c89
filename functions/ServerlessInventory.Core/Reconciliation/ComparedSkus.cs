using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Core.Reconciliation;

/// <summary>One SKU a run compares: the channel's latest levels of it, none when the channel never reported it.</summary>
public sealed record ComparedSku(Sku Sku, IReadOnlyList<ReportedLevel> Levels);

/// <summary>A page of SKUs to compare, in ordinal order; the next page follows <see cref="ContinueAfter"/>, null on the last.</summary>
public sealed record ComparedSkuPage(IReadOnlyList<ComparedSku> Skus, string? ContinueAfter);

/// <summary>
/// The SKUs a run compares for a channel: every SKU the channel reported (or answered when pulled) and every SKU the
/// master holds that the channel is offered (<paramref name="isOffered"/>), merged a page at a time in ordinal order.
/// Both lists are read after the same checkpoint; each is complete only up to its last SKU when it may go on, so the
/// page ends at the first of those ends and the rest is read again by the next page.
/// </summary>
public sealed class ComparedSkus(IReportedLevelStore reportedLevels, ISkuDirectory directory)
{
    public async Task<ComparedSkuPage> NextAsync(ChannelId channel, string? after, int pageSize, Func<Sku, bool> isOffered, CancellationToken cancellationToken)
    {
        var reported = await reportedLevels.ListAsync(channel, after, pageSize, cancellationToken).ConfigureAwait(false);
        var held = await directory.ListSkusAsync(after is null ? null : new Sku(after), pageSize, cancellationToken).ConfigureAwait(false);
        string? end = null;
        if (reported.ContinueAfter is not null && reported.Levels.Count > 0)
        {
            end = reported.Levels[^1].Sku.Value;
        }
        if (held.Count >= pageSize && (end is null || string.CompareOrdinal(held[^1].Value, end) < 0))
        {
            end = held[^1].Value;
        }
        bool InPage(Sku sku) => end is null || string.CompareOrdinal(sku.Value, end) <= 0;

        var bySku = reported.Levels.Where(l => InPage(l.Sku)).GroupBy(l => l.Sku)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<ReportedLevel>)[.. g]);
        var offered = held.Where(sku => InPage(sku) && !bySku.ContainsKey(sku) && isOffered(sku)).Select(sku => new ComparedSku(sku, []));
        var skus = bySku.Select(p => new ComparedSku(p.Key, p.Value)).Concat(offered)
            .OrderBy(s => s.Sku.Value, StringComparer.Ordinal).ToList();
        return new ComparedSkuPage(skus, end);
    }
}
