using Azure.Data.Tables;
using ServerlessInventory.Core.Availability;
using ServerlessInventory.Core.Channels;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Adapters.Tables;

/// <summary>A channel registration as table rows (see <see cref="TablesChannelRegistry"/> for the keys) and back.</summary>
internal static class ChannelRows
{
    public const string GenerationProperty = "Generation";
    private const string SkuInfix = "sku:";
    private const string LocationInfix = "location:";
    private const string VariantInfix = "variant:";

    public static TableEntity Head(ChannelRegistration registration, string partition, string generation) => new(partition, registration.Channel.Value)
    {
        // Location ids hold no control characters, so a newline separates them without escaping.
        ["Locations"] = string.Join('\n', registration.Locations.Select(l => l.Value)),
        ["Buffer"] = registration.Buffer,
        ["AllocationKind"] = registration.Allocation.Kind.ToString(),
        ["AllocationValue"] = registration.Allocation.Value,
        ["Format"] = registration.Format.ToString(),
        ["PushUrl"] = registration.PushUrl?.OriginalString,
        ["LevelsUrl"] = registration.LevelsUrl?.OriginalString,
        ["RequireSkuMapping"] = registration.RequireSkuMapping,
        [GenerationProperty] = generation,
    };

    public static IEnumerable<TableEntity> Mappings(ChannelRegistration registration, string partition, string generation) =>
        registration.SkuMap.Select(p => new TableEntity(partition, $"{generation}:{SkuInfix}{TableKeys.Escape(p.Key)}")
        {
            ["External"] = p.Key,
            ["Sku"] = p.Value.Sku.Value,
            ["UnitFactor"] = p.Value.UnitFactor,
        }).Concat(registration.VariantMap.Select(p => new TableEntity(partition, $"{generation}:{VariantInfix}{TableKeys.Escape(p.Key)}")
        {
            ["External"] = p.Key,
            ["Sku"] = p.Value.Sku.Value,
            ["UnitFactor"] = p.Value.UnitFactor,
        })).Concat(registration.LocationMap.Select(p => new TableEntity(partition, $"{generation}:{LocationInfix}{TableKeys.Escape(p.Key)}")
        {
            ["External"] = p.Key,
            ["Location"] = p.Value.Value,
        }));

    public static ChannelRegistration Read(TableEntity head, IEnumerable<TableEntity> mappings)
    {
        var skus = new Dictionary<string, SkuMapping>(StringComparer.Ordinal);
        var variants = new Dictionary<string, SkuMapping>(StringComparer.Ordinal);
        var locations = new Dictionary<string, LocationId>(StringComparer.Ordinal);
        foreach (var row in mappings)
        {
            var kind = row.RowKey[(row.RowKey.IndexOf(':', StringComparison.Ordinal) + 1)..];
            if (kind.StartsWith(SkuInfix, StringComparison.Ordinal))
            {
                skus[row.GetString("External")] = new SkuMapping(new Sku(row.GetString("Sku")), row.GetInt32("UnitFactor") ?? 1);
            }
            else if (kind.StartsWith(VariantInfix, StringComparison.Ordinal))
            {
                variants[row.GetString("External")] = new SkuMapping(new Sku(row.GetString("Sku")), row.GetInt32("UnitFactor") ?? 1);
            }
            else if (kind.StartsWith(LocationInfix, StringComparison.Ordinal))
            {
                locations[row.GetString("External")] = new LocationId(row.GetString("Location"));
            }
        }
        var locationList = head.GetString("Locations") ?? "";
        return new ChannelRegistration(
            new ChannelId(head.RowKey),
            locationList.Length == 0 ? [] : [.. locationList.Split('\n').Select(l => new LocationId(l))],
            head.GetInt32("Buffer") ?? 0,
            new Allocation(Enum.Parse<AllocationKind>(head.GetString("AllocationKind")), head.GetInt32("AllocationValue") ?? 0),
            Enum.Parse<WebhookFormat>(head.GetString("Format")),
            head.GetString("PushUrl") is { } url ? new Uri(url, UriKind.Absolute) : null,
            skus,
            locations,
            head.GetBoolean("RequireSkuMapping") ?? false,
            head.ETag.ToString())
        {
            LevelsUrl = head.GetString("LevelsUrl") is { } levels ? new Uri(levels, UriKind.Absolute) : null,
            VariantMap = variants,
        };
    }
}
