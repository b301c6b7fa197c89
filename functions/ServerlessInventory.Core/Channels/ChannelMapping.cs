using System.Collections.Frozen;
using System.Text.Json.Nodes;
using ServerlessInventory.Core.Domain;

namespace ServerlessInventory.Core.Channels;

/// <summary>
/// Rewrites a channel's event into master terms before it is validated: external SKU to master SKU, external
/// location to master location, and quantities times the unit factor. Working on the JSON keeps one mapping
/// for all twelve event types; an id that has no mapping passes through unchanged unless the channel requires
/// every SKU to be mapped.
/// </summary>
public sealed class ChannelMapping
{
    private static readonly string[] _locationFields = ["location", "fromLocation", "toLocation"];
    private static readonly string[] _quantityFields = ["quantity", "delta", "counted"];

    private readonly FrozenDictionary<string, SkuMapping> _skus;
    private readonly FrozenDictionary<string, LocationId> _locations;

    public ChannelMapping(IReadOnlyDictionary<string, SkuMapping>? skus = null, IReadOnlyDictionary<string, LocationId>? locations = null, bool requireSkuMapping = false)
    {
        _skus = (skus ?? new Dictionary<string, SkuMapping>()).ToFrozenDictionary(StringComparer.Ordinal);
        _locations = (locations ?? new Dictionary<string, LocationId>()).ToFrozenDictionary(StringComparer.Ordinal);
        RequireSkuMapping = requireSkuMapping;
    }

    public static ChannelMapping Identity { get; } = new();

    public bool RequireSkuMapping { get; }

    /// <summary>Maps the event's data in place; returns why it cannot be mapped, or null when it was.</summary>
    public MappingFailure? Apply(JsonObject cloudEvent)
    {
        if (cloudEvent["data"] is not JsonObject data)
        {
            return null; // Nothing to map; validation names the missing data.
        }
        var factor = 1;
        if (data["sku"] is JsonValue skuValue && skuValue.TryGetValue(out string? external))
        {
            if (_skus.TryGetValue(external, out var mapped))
            {
                data["sku"] = mapped.Sku.Value;
                factor = mapped.UnitFactor;
            }
            else if (RequireSkuMapping)
            {
                return new MappingFailure("data.sku", $"SKU '{external}' has no mapping for this channel");
            }
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

/// <summary>Why an event could not be mapped: the field and the reason.</summary>
public sealed record MappingFailure(string Field, string Reason);
