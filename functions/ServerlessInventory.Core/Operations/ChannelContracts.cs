using ServerlessInventory.Core.Availability;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Core.Operations;

/// <summary>
/// A registered channel as <c>/api/ops/channels</c> shows it: the same members a <c>PUT</c> takes, so a client can
/// GET, edit and PUT the body back. No secret (it stays in configuration) and no token (that is the ETag header).
/// </summary>
public sealed record ChannelBody(
    string Channel,
    IReadOnlyList<string> Locations,
    int Buffer,
    int? AllocationPercent,
    int? AllocationCap,
    string Format,
    string? PushUrl,
    IReadOnlyDictionary<string, SkuMapBody> SkuMap,
    IReadOnlyDictionary<string, string> LocationMap,
    bool RequireSkuMapping)
{
    public string? LevelsUrl { get; init; }
    /// <summary>Inbound only: Shopify variant id to master SKU and unit factor.</summary>
    public IReadOnlyDictionary<string, SkuMapBody> VariantMap { get; init; } = new Dictionary<string, SkuMapBody>(StringComparer.Ordinal);

    public static ChannelBody From(ChannelRegistration r) => new(
        r.Channel.Value,
        [.. r.Locations.Select(l => l.Value)],
        r.Buffer,
        r.Allocation.Kind == AllocationKind.Percent ? r.Allocation.Value : null,
        r.Allocation.Kind == AllocationKind.Cap ? r.Allocation.Value : null,
        r.Format.ToString(),
        r.PushUrl?.OriginalString,
        r.SkuMap.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => new SkuMapBody(p.Value.Sku.Value, p.Value.UnitFactor), StringComparer.Ordinal),
        r.LocationMap.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value.Value, StringComparer.Ordinal),
        r.RequireSkuMapping)
    {
        LevelsUrl = r.LevelsUrl?.OriginalString,
        VariantMap = r.VariantMap.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => new SkuMapBody(p.Value.Sku.Value, p.Value.UnitFactor), StringComparer.Ordinal),
    };
}

/// <summary>One external SKU: the master SKU and how many master units one of its units holds.</summary>
public sealed record SkuMapBody(string? Sku, int? UnitFactor);

/// <summary><c>GET /api/ops/channels</c>: the registered channels (configured-only channels are not listed).</summary>
public sealed record ChannelListBody(IReadOnlyList<ChannelBody> Items);
