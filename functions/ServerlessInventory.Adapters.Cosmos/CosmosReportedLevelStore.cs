using System.Net;
using System.Text.Json;
using Microsoft.Azure.Cosmos;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Adapters.Cosmos;

/// <summary>
/// Reported levels in the SKU's own partition of the master container: an item <c>l:{channel}:{location}</c> (type
/// <c>level</c>) per channel and location, beside the SKU's head, so the head's load and change feed never see them
/// and a run reads a SKU's levels and master side by side. A newer report replaces an item under its ETag, so two
/// writers never lose each other's newer report; an older or equal one changes nothing (and costs one point read).
/// A run's page is one query across partitions, in SKU order. Levels reported by events are not recorded here: the
/// SKU's commit writes them (<see cref="CosmosInventoryStore"/>); this records the levels pulled from a channel.
/// </summary>
public sealed class CosmosReportedLevelStore(Container container) : IReportedLevelStore
{
    public async Task RecordAsync(IReadOnlyList<ReportedLevel> levels, CancellationToken cancellationToken)
    {
        // The latest of each item only: a batch that reports one place twice writes it once.
        foreach (var level in levels.GroupBy(l => (l.Channel, l.Sku, l.Location)).Select(g => g.MaxBy(l => l.AsOf)!))
        {
            while (!await TryKeepAsync(level, cancellationToken).ConfigureAwait(false))
            {
                // Another writer wrote the item since it was read: compare again with what it wrote.
            }
        }
    }

    private async Task<bool> TryKeepAsync(ReportedLevel level, CancellationToken cancellationToken)
    {
        var partition = new PartitionKey(level.Sku.Value);
        var id = CosmosItems.LevelItemId(level.Channel, level.Location);
        string? etag = null;
        using (var read = await container.ReadItemStreamAsync(id, partition, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (read.StatusCode != HttpStatusCode.NotFound)
            {
                CosmosQueries.EnsureSuccess(read);
                using var kept = await JsonDocument.ParseAsync(read.Content, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (CosmosItems.ReadLevel(kept.RootElement).AsOf >= level.AsOf)
                {
                    return true;
                }
                etag = read.Headers.ETag;
            }
        }
        using var item = CosmosItems.Level(level);
        using var written = etag is null
            ? await container.CreateItemStreamAsync(item, partition, cancellationToken: cancellationToken).ConfigureAwait(false)
            : await container.ReplaceItemStreamAsync(item, id, partition, new ItemRequestOptions { IfMatchEtag = etag }, cancellationToken).ConfigureAwait(false);
        if (written.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.PreconditionFailed)
        {
            return false;
        }
        CosmosQueries.EnsureSuccess(written);
        return true;
    }

    public async Task<ReportedLevelPage> ListAsync(ChannelId channel, string? afterSku, int maxSkus, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxSkus);
        var query = new QueryDefinition(
                $"SELECT * FROM c WHERE c.type = '{CosmosItems.LevelType}' AND c.channel = @channel AND c.sku > @after ORDER BY c.sku")
            .WithParameter("@channel", channel.Value)
            .WithParameter("@after", afterSku ?? "");
        var bySku = new List<List<ReportedLevel>>();
        // Read until one SKU beyond the page shows: a SKU's levels then never straddle two pages, and its presence
        // says there is a next page.
        var options = new QueryRequestOptions { MaxItemCount = Math.Min(maxSkus * 2, 1000) };
        using var iterator = container.GetItemQueryStreamIterator(query, continuationToken: null, options);
        while (iterator.HasMoreResults && bySku.Count <= maxSkus)
        {
            using var response = await iterator.ReadNextAsync(cancellationToken).ConfigureAwait(false);
            CosmosQueries.EnsureSuccess(response);
            using var page = await JsonDocument.ParseAsync(response.Content, cancellationToken: cancellationToken).ConfigureAwait(false);
            foreach (var level in page.RootElement.GetProperty("Documents").EnumerateArray().Select(CosmosItems.ReadLevel))
            {
                if (bySku.Count > 0 && bySku[^1][0].Sku == level.Sku)
                {
                    bySku[^1].Add(level);
                }
                else if (bySku.Count <= maxSkus)
                {
                    bySku.Add([level]);
                }
            }
        }
        var taken = bySku.Take(maxSkus).ToList();
        var levels = taken.SelectMany(sku => sku.OrderBy(l => l.Location?.Value ?? "", StringComparer.Ordinal));
        return new ReportedLevelPage([.. levels], bySku.Count > maxSkus ? taken[^1][0].Sku.Value : null);
    }
}
