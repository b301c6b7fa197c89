using System.Text.Json;
using System.Text.Json.Serialization;
using ServerlessInventory.Core.Availability;
using ServerlessInventory.Core.Channels;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Core.Operations;

/// <summary>
/// The body of <c>PUT /api/ops/channels/{channel}</c>: the whole registration (a member left out takes its default,
/// as in configuration). <see cref="ToRegistration"/> validates it as strictly as configuration is validated at start:
/// a registration that could not be built into the catalog would otherwise fail every request once it is cached.
/// </summary>
public sealed record ChannelRequest(
    string? Channel,
    IReadOnlyList<string?>? Locations,
    int? Buffer,
    int? AllocationPercent,
    int? AllocationCap,
    string? Format,
    string? PushUrl,
    IReadOnlyDictionary<string, SkuMapBody?>? SkuMap,
    IReadOnlyDictionary<string, string?>? LocationMap,
    bool? RequireSkuMapping)
{
    /// <summary>Where a reconciliation run asks the channel what it shows (https, or http to loopback); null when it reports by event.</summary>
    public string? LevelsUrl { get; init; }

    /// <summary>Members that are not channel settings; kept so they are refused by name instead of silently dropped.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; init; }

    /// <summary>Inbound only: Shopify variant id to master SKU and unit factor, for order lines (see <c>ChannelMapping</c>).</summary>
    public IReadOnlyDictionary<string, SkuMapBody?>? VariantMap { get; init; }

    /// <summary>
    /// The registration this body describes for <paramref name="channel"/>, carrying <paramref name="concurrencyToken"/>.
    /// Throws <see cref="DomainValidationException"/> naming the member at fault, as value objects do.
    /// </summary>
    public ChannelRegistration ToRegistration(ChannelId channel, string? concurrencyToken)
    {
        RefuseUnknownMembers(channel);
        if (Channel is not null && Channel != channel.Value)
        {
            throw new DomainValidationException("channel", $"must be '{channel}' (the channel in the URL) or left out");
        }
        var locations = (Locations ?? []).Select((l, i) => Named($"locations[{i}]", () => new LocationId(l!))).Distinct().ToArray();
        var buffer = Guard.NotNegative(Buffer ?? 0, "buffer");
        var allocation = (AllocationPercent, AllocationCap) switch
        {
            (not null, not null) => throw new DomainValidationException("allocationPercent", "set either allocationPercent or allocationCap, not both"),
            ({ } percent, null) => Named("allocationPercent", () => Allocation.Percent(percent)),
            (null, { } cap) => Named("allocationCap", () => Allocation.Cap(cap)),
            _ => Allocation.Whole,
        };
        var skuMap = new Dictionary<string, SkuMapping>(StringComparer.Ordinal);
        foreach (var (external, mapping) in SkuMap ?? new Dictionary<string, SkuMapBody?>())
        {
            var field = $"skuMap.{ExternalKey(external, "skuMap")}";
            var sku = Named($"{field}.sku", () => new Sku(mapping?.Sku!));
            skuMap[external] = Named($"{field}.unitFactor", () => new SkuMapping(sku, mapping!.UnitFactor ?? 1));
        }
        var variantMap = new Dictionary<string, SkuMapping>(StringComparer.Ordinal);
        foreach (var (external, mapping) in VariantMap ?? new Dictionary<string, SkuMapBody?>())
        {
            var field = $"variantMap.{ExternalKey(external, "variantMap")}";
            var sku = Named($"{field}.sku", () => new Sku(mapping?.Sku!));
            variantMap[external] = Named($"{field}.unitFactor", () => new SkuMapping(sku, mapping!.UnitFactor ?? 1));
        }
        var locationMap = new Dictionary<string, LocationId>(StringComparer.Ordinal);
        foreach (var (external, master) in LocationMap ?? new Dictionary<string, string?>())
        {
            locationMap[external] = Named($"locationMap.{ExternalKey(external, "locationMap")}", () => new LocationId(master!));
        }
        return new ChannelRegistration(channel, locations, buffer, allocation, ParseFormat(Format), ParsePushUrl(PushUrl), skuMap, locationMap, RequireSkuMapping ?? false, concurrencyToken)
        {
            LevelsUrl = ChannelConnection.ValidLevelsUrl(AbsoluteUrl(LevelsUrl, "levelsUrl")),
            VariantMap = variantMap,
        };
    }

    private void RefuseUnknownMembers(ChannelId channel)
    {
        if (Unknown is null || Unknown.Count == 0)
        {
            return;
        }
        if (Unknown.Keys.FirstOrDefault(k => k.Equals("secret", StringComparison.OrdinalIgnoreCase)) is not null)
        {
            throw new DomainValidationException("secret", $"is not accepted here: secrets live in app settings / Key Vault: Catalog__Channels__{channel}__Secret");
        }
        if (Unknown.Keys.FirstOrDefault(k => k.Equals("accessToken", StringComparison.OrdinalIgnoreCase)) is not null)
        {
            throw new DomainValidationException("accessToken", $"is not accepted here: a Shopify access token lives in app settings / Key Vault: Catalog__Channels__{channel}__AccessToken");
        }
        throw new DomainValidationException(Unknown.Keys.Order(StringComparer.Ordinal).First(), "is not a channel setting");
    }

    private static WebhookFormat ParseFormat(string? format)
    {
        if (format is null)
        {
            return WebhookFormat.CloudEvents;
        }
        var name = Enum.GetNames<WebhookFormat>().FirstOrDefault(n => n.Equals(format, StringComparison.OrdinalIgnoreCase));
        return name is null
            ? throw new DomainValidationException("format", $"must be one of {string.Join(", ", Enum.GetNames<WebhookFormat>())}")
            : Enum.Parse<WebhookFormat>(name);
    }

    private static Uri? ParsePushUrl(string? pushUrl) => ChannelConnection.ValidPushUrl(AbsoluteUrl(pushUrl, "pushUrl"));

    private static Uri? AbsoluteUrl(string? url, string field) => url is null ? null
        : Uri.TryCreate(url, UriKind.Absolute, out var absolute) ? absolute
        : throw new DomainValidationException(field, "must be an absolute https URL (http only to a loopback host)");

    private static string ExternalKey(string external, string field) =>
        string.IsNullOrWhiteSpace(external) ? throw new DomainValidationException(field, "keys must not be blank") : external;

    /// <summary>
    /// Builds a value object, naming the member the client sent (a path such as <c>skuMap.CASE-A.sku</c>) rather than
    /// the value object's own field: a value object's field name keeps only the last segment of a dotted path.
    /// </summary>
    private static T Named<T>(string field, Func<T> build)
    {
        try
        {
            return build();
        }
        catch (DomainValidationException invalid)
        {
            throw new DomainValidationException(field, invalid.Reason);
        }
    }
}
