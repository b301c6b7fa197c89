using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Adapters.Tables;

/// <summary>
/// Reported levels on Table storage (in table <c>ReconciliationRuns</c>): partition <c>levels:{channel}</c>, a row per SKU
/// (row key the escaped SKU) holding the latest level per location as JSON, so a page of a run is one range scan of
/// its channel's partition. A row is replaced under its ETag, so two writers never lose each other's newer report.
/// </summary>
public sealed class TablesReportedLevelStore(TableClient table) : IReportedLevelStore
{
    private const string Pooled = "";

    private sealed record Kept(int Level, long AsOfTicks);

    public async Task RecordAsync(IReadOnlyList<ReportedLevel> levels, CancellationToken cancellationToken)
    {
        foreach (var group in levels.GroupBy(l => (l.Channel, l.Sku)))
        {
            while (!await TryMergeAsync(group.Key.Channel, group.Key.Sku, group, cancellationToken).ConfigureAwait(false))
            {
                // Another writer replaced the row since it was read: merge again into what it wrote.
            }
        }
    }

    private async Task<bool> TryMergeAsync(ChannelId channel, Sku sku, IEnumerable<ReportedLevel> levels, CancellationToken cancellationToken)
    {
        var row = await table.GetOrNullAsync(Partition(channel), TableKeys.Escape(sku.Value), cancellationToken).ConfigureAwait(false);
        var kept = row is null ? [] : Read(row);
        var changed = false;
        foreach (var level in levels)
        {
            var location = level.Location?.Value ?? Pooled;
            if (!kept.TryGetValue(location, out var previous) || level.AsOf.UtcTicks > previous.AsOfTicks)
            {
                kept[location] = new Kept(level.Level, level.AsOf.UtcTicks);
                changed = true;
            }
        }
        if (!changed)
        {
            return true;
        }
        var entity = new TableEntity(Partition(channel), TableKeys.Escape(sku.Value)) { ["Sku"] = sku.Value, ["Levels"] = JsonSerializer.Serialize(kept) };
        try
        {
            if (row is null)
            {
                await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await table.UpdateEntityAsync(entity, row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            }
            return true;
        }
        catch (RequestFailedException failure) when (failure.IsConcurrencyConflict())
        {
            return false;
        }
    }

    public async Task<ReportedLevelPage> ListAsync(ChannelId channel, string? afterSku, int maxSkus, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxSkus);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition(channel)} and RowKey gt {TableKeys.Escape(afterSku ?? "")}");
        var rows = new List<TableEntity>(maxSkus + 1);
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(maxSkus + 1, 1000), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
            if (rows.Count > maxSkus)
            {
                break;
            }
        }
        var taken = rows.Take(maxSkus).ToList();
        var levels = taken.SelectMany(row => Read(row).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p =>
            new ReportedLevel(channel, new Sku(row.GetString("Sku")), p.Key.Length == 0 ? null : new LocationId(p.Key), p.Value.Level, TableTime.FromTicks(p.Value.AsOfTicks))));
        // The SKU, not its escaped key: a run's checkpoint is a SKU, and escaping keeps the order of SKUs.
        return new ReportedLevelPage([.. levels], rows.Count > maxSkus ? taken[^1].GetString("Sku") : null);
    }

    private static string Partition(ChannelId channel) => "levels:" + channel.Value;

    private static Dictionary<string, Kept> Read(TableEntity row) =>
        JsonSerializer.Deserialize<Dictionary<string, Kept>>(row.GetString("Levels")) ?? [];
}
