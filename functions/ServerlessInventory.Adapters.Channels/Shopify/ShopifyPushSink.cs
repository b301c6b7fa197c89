using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServerlessInventory.Core.Channels;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Adapters.Channels.Shopify;

/// <summary>Shopify refused one quantity of a batch (a user error other than a stale compare): it stays owed.</summary>
public sealed class ShopifyUserErrorException(string code, string message) : Exception($"Shopify refused it: {code}: {message}")
{
    public string Code { get; } = code;
}

/// <summary>
/// Sets a Shopify channel's availability with <c>inventorySetQuantities</c> (<c>name: "available"</c>,
/// <c>reason: "correction"</c>) at the channel's one Shopify location, up to <see cref="ShopifyOperations.MaxInputArray"/>
/// items per call, by compare-and-set: <c>changeFromQuantity</c> is the value Shopify last acknowledged for the item
/// (remembered here, else the one Core's push state still holds, else read from Shopify first). Each call carries an
/// <c>@idempotent</c> key derived from the channel, location and each item's SKU and version, so a call retried after a
/// lost answer is applied once. A <c>CHANGE_FROM_QUANTITY_STALE</c> item (Shopify changed under us: a sale, an admin
/// edit) is never overwritten: its current level is read and recorded as the channel's reported level, and the push
/// counts as answered, so reconciliation, which pulls Shopify's levels, decides by its rules (a review item when
/// Shopify changed on its own); the rest of the call is sent again without it.
/// </summary>
public sealed partial class ShopifyPushSink(
    ShopifyAdminClient client,
    IServiceProvider services,
    TimeProvider timeProvider,
    ILogger<ShopifyPushSink> logger)
{
    private readonly ConcurrentDictionary<(ChannelId Channel, string Item, string Location), int?> _acknowledged = new();

    /// <summary>Quantities answered <c>CHANGE_FROM_QUANTITY_STALE</c>, since start.</summary>
    public long StaleAnswers => Interlocked.Read(ref _stale);

    private long _stale;

    public async Task<IReadOnlyList<Exception?>> PushBatchAsync(ChannelConnection connection, ShopifyConnection shop, IReadOnlyList<AvailabilityUpdate> updates, CancellationToken cancellationToken)
    {
        var failures = new Exception?[updates.Count];
        // Only the latest value per item is sent; an older one shares its outcome.
        var latest = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < updates.Count; i++)
        {
            if (!IsItemId(updates[i].Sku))
            {
                LogNotAnItem(logger, connection.Channel, updates[i].Sku);
                continue;
            }
            if (!latest.TryGetValue(updates[i].Sku, out var kept) || updates[i].Version > updates[kept].Version)
            {
                latest[updates[i].Sku] = i;
            }
        }
        var owed = latest.Values.Order().ToList();
        var settled = new HashSet<int>();
        try
        {
            var changeFrom = await ChangeFromAsync(connection, shop, [.. owed.Select(i => updates[i])], cancellationToken).ConfigureAwait(false);
            foreach (var chunk in owed.Chunk(ShopifyOperations.MaxInputArray))
            {
                await SetAsync(connection, shop, [.. chunk], updates, changeFrom, failures, settled, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            foreach (var i in owed.Where(i => failures[i] is null && !settled.Contains(i)))
            {
                failures[i] = failure;
            }
        }
        for (var i = 0; i < updates.Count; i++)
        {
            if (latest.TryGetValue(updates[i].Sku, out var winner) && winner != i)
            {
                failures[i] = failures[winner];
            }
        }
        return failures;
    }

    /// <summary>Sends one chunk, again without its stale items until none is left; marks what Shopify refused.</summary>
    private async Task SetAsync(ChannelConnection connection, ShopifyConnection shop, List<int> chunk, IReadOnlyList<AvailabilityUpdate> updates, Dictionary<string, int?> changeFrom, Exception?[] failures, HashSet<int> settled, CancellationToken cancellationToken)
    {
        while (chunk.Count > 0)
        {
            var quantities = new JsonArray();
            foreach (var i in chunk)
            {
                quantities.Add(new JsonObject
                {
                    ["inventoryItemId"] = ShopifyOperations.InventoryItemGid + updates[i].Sku,
                    ["locationId"] = ShopifyOperations.LocationGid + shop.LocationId,
                    ["quantity"] = updates[i].Available,
                    // An explicit null opts out of the compare: only for an item Shopify does not stock there yet.
                    ["changeFromQuantity"] = changeFrom.GetValueOrDefault(updates[i].Sku) is { } from ? from : null,
                });
            }
            var input = new JsonObject { ["name"] = "available", ["reason"] = "correction", ["quantities"] = quantities };
            var key = IdempotencyKey(connection.Channel, shop.LocationId, chunk.Select(i => updates[i]));
            var data = await client.QueryAsync(connection.Channel, shop, ShopifyOperations.SetQuantities(key), new JsonObject { ["input"] = input }, ShopifyOperations.SetQuantitiesCost, cancellationToken).ConfigureAwait(false);
            var errors = data["inventorySetQuantities"]?["userErrors"] as JsonArray ?? [];
            if (errors.Count == 0)
            {
                foreach (var i in chunk)
                {
                    _acknowledged[(connection.Channel, updates[i].Sku, shop.LocationId)] = updates[i].Available;
                    settled.Add(i);
                }
                return;
            }
            // The call is all or nothing: every item it names in an error is taken out, the rest sent again.
            var stale = new List<int>();
            var refused = new HashSet<int>();
            foreach (var error in errors)
            {
                var code = error?["code"]?.GetValue<string>() ?? "";
                if (IndexOf(error?["field"]) is not { } at || at >= chunk.Count)
                {
                    throw new ShopifyApiException($"Shopify refused the batch for {connection.Channel}: {code}: {error?["message"]?.GetValue<string>()}");
                }
                if (code == "CHANGE_FROM_QUANTITY_STALE")
                {
                    stale.Add(chunk[at]);
                }
                else
                {
                    failures[chunk[at]] = new ShopifyUserErrorException(code, error?["message"]?.GetValue<string>() ?? "");
                    refused.Add(chunk[at]);
                }
            }
            if (stale.Count > 0)
            {
                await SettleStaleAsync(connection, shop, [.. stale.Select(i => updates[i])], cancellationToken).ConfigureAwait(false);
                settled.UnionWith(stale);
            }
            chunk = [.. chunk.Where(i => !refused.Contains(i) && !stale.Contains(i))];
        }
    }

    /// <summary>
    /// Shopify holds another value than we last set: read it, keep it as what the channel shows (reconciliation's
    /// input), and remember it as the item's acknowledged value so the next change sets from it. Never overwritten here.
    /// </summary>
    private async Task SettleStaleAsync(ChannelConnection connection, ShopifyConnection shop, List<AvailabilityUpdate> stale, CancellationToken cancellationToken)
    {
        Interlocked.Add(ref _stale, stale.Count);
        var current = await ReadAsync(connection, shop, [.. stale.Select(u => u.Sku)], cancellationToken).ConfigureAwait(false);
        var now = timeProvider.GetUtcNow();
        var levels = new List<ReportedLevel>();
        foreach (var update in stale)
        {
            var shown = current.GetValueOrDefault(update.Sku);
            _acknowledged[(connection.Channel, update.Sku, shop.LocationId)] = shown;
            LogStale(logger, connection.Channel, update.Sku, update.Available, shown);
            if (shown is { } level && ShopifyLevels.ToReported(connection.Channel, connection.Mapping, update.Sku, level, now) is { } reported)
            {
                levels.Add(reported);
            }
        }
        if (levels.Count > 0 && services.GetService<IReportedLevelStore>() is { } store)
        {
            await store.RecordAsync(levels, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Each item's <c>changeFromQuantity</c>: remembered, else from Core's push state, else read from Shopify.</summary>
    private async Task<Dictionary<string, int?>> ChangeFromAsync(ChannelConnection connection, ShopifyConnection shop, List<AvailabilityUpdate> updates, CancellationToken cancellationToken)
    {
        var known = new Dictionary<string, int?>(StringComparer.Ordinal);
        var unknown = new List<string>();
        foreach (var update in updates)
        {
            if (_acknowledged.TryGetValue((connection.Channel, update.Sku, shop.LocationId), out var remembered))
            {
                known[update.Sku] = remembered;
            }
            else if (update.Acknowledged is { } stored)
            {
                known[update.Sku] = stored;
            }
            else
            {
                unknown.Add(update.Sku);
            }
        }
        foreach (var (item, level) in await ReadAsync(connection, shop, unknown, cancellationToken).ConfigureAwait(false))
        {
            known[item] = level;
            _acknowledged[(connection.Channel, item, shop.LocationId)] = level;
        }
        return known;
    }

    /// <summary>Shopify's <c>available</c> of each item at the channel's location; null where it is not stocked.</summary>
    private async Task<Dictionary<string, int?>> ReadAsync(ChannelConnection connection, ShopifyConnection shop, List<string> items, CancellationToken cancellationToken)
    {
        var levels = new Dictionary<string, int?>(StringComparer.Ordinal);
        foreach (var chunk in items.Chunk(ShopifyOperations.MaxInputArray))
        {
            var variables = new JsonObject
            {
                ["ids"] = new JsonArray([.. chunk.Select(i => (JsonNode)(ShopifyOperations.InventoryItemGid + i))]),
                ["location"] = ShopifyOperations.LocationGid + shop.LocationId,
            };
            var data = await client.QueryAsync(connection.Channel, shop, ShopifyOperations.ReadLevels, variables, ShopifyOperations.ReadLevelsCost(chunk.Length), cancellationToken).ConfigureAwait(false);
            foreach (var item in chunk)
            {
                levels[item] = null;
            }
            foreach (var node in data["nodes"] as JsonArray ?? [])
            {
                if (node?["id"]?.GetValue<string>() is { } gid)
                {
                    levels[ShopifyOperations.IdOf(gid)] = ShopifyLevels.Available(node["inventoryLevel"]?["quantities"]);
                }
            }
        }
        return levels;
    }

    /// <summary>
    /// The same for the same call, and only for it: the channel, the location, and each item's SKU and version (a
    /// version is one value of one SKU), hashed so the key has a fixed length.
    /// </summary>
    public static string IdempotencyKey(ChannelId channel, string locationId, IEnumerable<AvailabilityUpdate> updates)
    {
        var text = new StringBuilder().Append(channel.Value).Append('\n').Append(locationId).Append('\n');
        foreach (var update in updates)
        {
            text.Append(update.Sku).Append('#').Append(update.Version).Append('\n');
        }
        return "si-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..40];
    }

    /// <summary>The quantity a user error names: its <c>field</c> path is <c>["input","quantities","3",...]</c>.</summary>
    private static int? IndexOf(JsonNode? field) =>
        field is JsonArray path && path.Count >= 3 && path[1]?.GetValue<string>() == "quantities" && int.TryParse(path[2]?.GetValue<string>(), out var at) ? at : null;

    private static bool IsItemId(string sku) => sku.Length is > 0 and <= 20 && sku.All(char.IsAsciiDigit);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Push to {Channel}: {Sku} is not a Shopify inventory item id (map the master SKU to one in the channel's SkuMap); nothing sent")]
    private static partial void LogNotAnItem(ILogger logger, ChannelId channel, string sku);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shopify changed item {Item} of {Channel} under us (CHANGE_FROM_QUANTITY_STALE): we meant {Meant}, it shows {Shown}; recorded for reconciliation, not overwritten")]
    private static partial void LogStale(ILogger logger, ChannelId channel, string item, int meant, int? shown);
}
