using System.Collections.Frozen;
using System.Text.Json.Nodes;
using ServerlessInventory.Core.Domain;

namespace ServerlessInventory.Core.Channels;

/// <summary>
/// One table, both directions. Inbound (<see cref="Apply"/>) rewrites a channel's event into master terms before it
/// is validated: external SKU to master SKU, external location to master location, and quantities times the unit
/// factor; working on the JSON keeps one mapping for all twelve event types. Outbound (<see cref="ToChannel"/>) turns
/// a master SKU's availability into the channel's SKU and whole channel units. An id that has no mapping passes
/// through unchanged unless the channel requires every SKU to be mapped.
/// </summary>
/// <remarks>
/// A variant map (Shopify's variant ids: its orders name a variant, its levels an inventory item) is inbound only: an
/// event's <c>data.variant</c> is looked up there first, then its <c>data.sku</c> in the SKU map, then the SKU is taken
/// as a master SKU unless the channel requires mapped SKUs. Variants never produce pushes: <see cref="ToChannel"/>
/// reads the SKU map alone, so a channel is told each of its listings once.
/// Several channel SKUs may name one master SKU (an each and a case of 12 of the same shirt). Inbound each maps to
/// it; outbound each is told its own availability in its own units, so the channel can show every listing it has.
/// </remarks>
public sealed class ChannelMapping
{
    private static readonly string[] _locationFields = ["location", "fromLocation", "toLocation"];
    private static readonly string[] _quantityFields = ["quantity", "delta", "counted"];

    private readonly FrozenDictionary<string, SkuMapping> _skus;
    private readonly FrozenDictionary<string, LocationId> _locations;
    private readonly FrozenDictionary<string, SkuMapping> _variants;
    private readonly FrozenDictionary<Sku, ChannelSku[]> _channelSkus;

    public ChannelMapping(
        IReadOnlyDictionary<string, SkuMapping>? skus = null,
        IReadOnlyDictionary<string, LocationId>? locations = null,
        bool requireSkuMapping = false,
        IReadOnlyDictionary<string, SkuMapping>? variants = null)
    {
        _skus = (skus ?? new Dictionary<string, SkuMapping>()).ToFrozenDictionary(StringComparer.Ordinal);
        _variants = (variants ?? new Dictionary<string, SkuMapping>()).ToFrozenDictionary(StringComparer.Ordinal);
        _locations = (locations ?? new Dictionary<string, LocationId>()).ToFrozenDictionary(StringComparer.Ordinal);
        RequireSkuMapping = requireSkuMapping;
        // Ordered by channel SKU so that pushes of one master SKU always go out in the same order.
        _channelSkus = _skus.GroupBy(p => p.Value.Sku)
            .ToFrozenDictionary(g => g.Key, g => g.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new ChannelSku(p.Key, p.Value.UnitFactor)).ToArray());
    }

    public static ChannelMapping Identity { get; } = new();

    public bool RequireSkuMapping { get; }

    /// <summary>The master locations the location map names, distinct and ordered: a channel with one has a default location.</summary>
    public IReadOnlyList<LocationId> MappedLocations => [.. _locations.Values.Distinct().OrderBy(l => l.Value, StringComparer.Ordinal)];

    /// <summary>
    /// What the channel is told of <paramref name="available"/> units of <paramref name="sku"/>: one value per channel
    /// SKU mapped to it, in whole channel units (floored); the master SKU itself in units when none is; nothing when
    /// the channel requires mapped SKUs and this one has none (the channel does not list it).
    /// </summary>
    public IReadOnlyList<(string Sku, int Available)> ToChannel(Sku sku, int available) =>
        _channelSkus.TryGetValue(sku, out var names) ? [.. names.Select(n => (n.Sku, n.UnitsOf(available)))]
        : RequireSkuMapping ? []
        : [(sku.Value, available)];

    /// <summary>The master SKU and unit factor a channel SKU is mapped to, when it has a mapping of its own.</summary>
    public bool TryResolve(string channelSku, out SkuMapping mapping) => _skus.TryGetValue(channelSku, out mapping!);

    /// <summary>Maps the event's data in place; returns why it cannot be mapped, or null when it was.</summary>
    public MappingFailure? Apply(JsonObject cloudEvent)
    {
        if (cloudEvent["data"] is not JsonObject data)
        {
            return null; // Nothing to map; validation names the missing data.
        }
        var factor = 1;
        var variant = data["variant"] is JsonValue variantValue && variantValue.TryGetValue(out string? variantId) ? variantId : null;
        var external = data["sku"] is JsonValue skuValue && skuValue.TryGetValue(out string? sku) ? sku : null;
        if (variant is not null && _variants.TryGetValue(variant, out var byVariant))
        {
            data["sku"] = byVariant.Sku.Value;
            factor = byVariant.UnitFactor;
        }
        else if (external is not null && _skus.TryGetValue(external, out var mapped))
        {
            data["sku"] = mapped.Sku.Value;
            factor = mapped.UnitFactor;
        }
        else if (RequireSkuMapping && (external is not null || variant is not null))
        {
            return variant is null
                ? new MappingFailure("data.sku", $"SKU '{external}' has no mapping for this channel")
                : new MappingFailure("data.variant", $"variant '{variant}'{(external is null ? "" : $" (SKU '{external}')")} has no mapping for this channel");
        }
        else if (external is null && variant is not null)
        {
            return new MappingFailure("data.variant", $"variant '{variant}' has no mapping for this channel and the line names no SKU");
        }
        foreach (var field in _locationFields)
        {
            if (data[field] is JsonValue value && value.TryGetValue(out string? location) && _locations.TryGetValue(location, out var master))
            {
                data[field] = master.Value;
            }
        }
        if (factor != 1)
        {
            foreach (var field in _quantityFields)
            {
                if (data[field] is JsonValue value && value.TryGetValue(out int units))
                {
                    var master = (long)units * factor;
                    if (master is > int.MaxValue or < int.MinValue)
                    {
                        return new MappingFailure($"data.{field}", $"{units} units of {factor} is out of range");
                    }
                    data[field] = (int)master;
                }
            }
        }
        return null;
    }
}

/// <summary>A channel's name for a master SKU and how many master units one of its units is.</summary>
public readonly record struct ChannelSku(string Sku, int UnitFactor)
{
    /// <summary>Whole channel units: a case of 12 is offered only when 12 units are there, so 30 units are 2 cases.</summary>
    public int UnitsOf(int masterUnits) => (int)Math.Floor((double)masterUnits / UnitFactor);
}

/// <summary>Why an event could not be mapped: the field and the reason.</summary>
public sealed record MappingFailure(string Field, string Reason);
