using Microsoft.Extensions.Options;
using ServerlessInventory.Core.Channels;
using ServerlessInventory.Core.Domain;

namespace ServerlessInventory.Core.Availability;

/// <summary>
/// Channel policies and safety stock as configuration (section <c>Catalog</c>). Validated at start by
/// building the <see cref="InventoryCatalog"/> it describes, so a bad value stops the app with its path.
/// </summary>
public sealed class CatalogOptions
{
    public const string SectionName = "Catalog";

    /// <summary>Keyed by channel id.</summary>
    public Dictionary<string, ChannelOptions> Channels { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Safety stock of every position without a value of its own or of its SKU (default 0).</summary>
    public int DefaultSafetyStock { get; set; }

    /// <summary>Keyed by <c>sku</c> for a SKU's value, or <c>sku@location</c> for one position's.</summary>
    public Dictionary<string, int> SafetyStock { get; init; } = new(StringComparer.Ordinal);

    public InventoryCatalog ToCatalog()
    {
        var channels = Channels.Select(pair => Build(pair.Key, pair.Value, o => o.ToPolicy(new ChannelId(pair.Key)))).OfType<ChannelPolicy>().ToList();
        var connections = Channels.Select(pair => Build(pair.Key, pair.Value, o => o.ToConnection(new ChannelId(pair.Key)))).ToList();
        var skuLevel = new Dictionary<Sku, int>();
        var positionLevel = new Dictionary<(Sku, LocationId), int>();
        foreach (var (key, units) in SafetyStock)
        {
            var at = key.IndexOf('@', StringComparison.Ordinal);
            if (at < 0)
            {
                skuLevel[new Sku(key, "safetyStock")] = units;
            }
            else
            {
                positionLevel[(new Sku(key[..at], "safetyStock"), new LocationId(key[(at + 1)..], "safetyStock"))] = units;
            }
        }
        return new InventoryCatalog(channels, DefaultSafetyStock, skuLevel, positionLevel, connections);
    }

    /// <summary>Builds part of one channel, naming the channel in any error so a bad setting can be found.</summary>
    private static T Build<T>(string channel, ChannelOptions options, Func<ChannelOptions, T> build)
    {
        try
        {
            return build(options);
        }
        catch (DomainValidationException invalid)
        {
            throw new DomainValidationException($"channels:{channel}:{invalid.Field}", invalid.Reason);
        }
    }
}

/// <summary>
/// One channel: what it sells from and is offered (at most one of the two allocations), and how it connects:
/// its webhook format and secret, its push URL, and how its SKUs and locations map to master ones.
/// </summary>
public sealed class ChannelOptions
{
    /// <summary>Locations the channel sells from; a store's POS lists only its store. Empty for a channel that only reports (WMS, ERP).</summary>
    public List<string> Locations { get; init; } = [];

    /// <summary>HMAC key of its webhooks and of the pushes it receives. Without one the channel's webhooks are refused. Never logged.</summary>
    public string? Secret { get; set; }

    /// <summary>Where its availability is pushed; without one each push is a log line.</summary>
    public Uri? PushUrl { get; set; }

    /// <summary>Where it answers what it shows, for reconciliation (a signed, paged GET); without one it reports by event.</summary>
    public Uri? LevelsUrl { get; set; }

    /// <summary>A Shopify channel's shop, <c>{name}.myshopify.com</c>: with <see cref="AccessToken"/>, its availability is set through the Admin API.</summary>
    public string? ShopDomain { get; set; }

    /// <summary>A Shopify channel's Admin API access token (scopes <c>read_inventory</c>, <c>write_inventory</c>). Never logged, never in the registry.</summary>
    public string? AccessToken { get; set; }

    /// <summary>The Shopify location its pooled availability is set at; default: the one Shopify location of <see cref="LocationMap"/>.</summary>
    public string? ShopifyLocationId { get; set; }

    /// <summary>Replaces <c>https://{ShopDomain}/admin/api/{version}/graphql.json</c> (https, or http to loopback: a simulator).</summary>
    public Uri? ShopifyEndpoint { get; set; }

    /// <summary>The payload its webhooks send (default CloudEvents).</summary>
    public WebhookFormat Format { get; set; } = WebhookFormat.CloudEvents;

    /// <summary>External SKU to master SKU and unit factor.</summary>
    public Dictionary<string, SkuMapOptions> SkuMap { get; init; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Inbound only: a Shopify variant id (decimal) to master SKU and unit factor, for the order lines that name a variant.
    /// Looked up before <see cref="SkuMap"/>; never pushed to.
    /// </summary>
    public Dictionary<string, SkuMapOptions> VariantMap { get; init; } = new(StringComparer.Ordinal);

    /// <summary>External location to master location.</summary>
    public Dictionary<string, string> LocationMap { get; init; } = new(StringComparer.Ordinal);

    /// <summary>When true, an event whose SKU is not in <see cref="SkuMap"/> is parked instead of taken as a master SKU.</summary>
    public bool RequireSkuMapping { get; set; }

    /// <summary>Units never offered to this channel (default 0).</summary>
    public int Buffer { get; set; }

    /// <summary>Share of the pooled availableToSell offered, 0 to 100, floored.</summary>
    public int? AllocationPercent { get; set; }

    /// <summary>Most units ever offered.</summary>
    public int? AllocationCap { get; set; }

    public ChannelConnection ToConnection(ChannelId channel)
    {
        ChannelConnection.ValidPushUrl(PushUrl);
        ChannelConnection.ValidLevelsUrl(LevelsUrl);
        var skus = SkuMap.ToDictionary(p => p.Key, p => new SkuMapping(new Sku(p.Value.Sku ?? "", "skuMap"), p.Value.UnitFactor), StringComparer.Ordinal);
        var variants = VariantMap.ToDictionary(p => p.Key, p => new SkuMapping(new Sku(p.Value.Sku ?? "", "variantMap"), p.Value.UnitFactor), StringComparer.Ordinal);
        var locations = LocationMap.ToDictionary(p => p.Key, p => new LocationId(p.Value, "locationMap"), StringComparer.Ordinal);
        var shopify = Format == WebhookFormat.Shopify ? ShopifyConnection.From(ShopDomain, AccessToken, ShopifyLocationId, ShopifyEndpoint, LocationMap.Keys) : null;
        return new ChannelConnection(channel, Guard.Defined(Format), Secret, PushUrl, new ChannelMapping(skus, locations, RequireSkuMapping, variants)) { LevelsUrl = LevelsUrl, Shopify = shopify };
    }

    /// <summary>The channel's availability policy, or null when it sells from no location.</summary>
    public ChannelPolicy? ToPolicy(ChannelId channel)
    {
        if (Locations.Count == 0)
        {
            return null;
        }
        var allocation = (AllocationPercent, AllocationCap) switch
        {
            (not null, not null) => throw new DomainValidationException("allocationPercent", "set either allocationPercent or allocationCap, not both"),
            ({ } percent, null) => Allocation.Percent(percent),
            (null, { } cap) => Allocation.Cap(cap),
            _ => Allocation.Whole,
        };
        return new ChannelPolicy(channel, [.. Locations.Select(l => new LocationId(l))], Buffer, allocation);
    }
}

/// <summary>One external SKU: the master SKU it is, and how many master units one of its units holds (default 1).</summary>
public sealed class SkuMapOptions
{
    public string? Sku { get; set; }

    public int UnitFactor { get; set; } = 1;
}

/// <summary>Fails start-up with the path of the first bad value instead of failing the first request.</summary>
public sealed class CatalogOptionsValidator : IValidateOptions<CatalogOptions>
{
    public ValidateOptionsResult Validate(string? name, CatalogOptions options)
    {
        try
        {
            options.ToCatalog();
            return ValidateOptionsResult.Success;
        }
        catch (DomainValidationException invalid)
        {
            return ValidateOptionsResult.Fail($"{CatalogOptions.SectionName}: {invalid.Field} {invalid.Reason}");
        }
    }
}

/// <summary>The catalog from configuration, rebuilt only when the configuration changes.</summary>
public sealed class ConfiguredCatalogSource(IOptionsMonitor<CatalogOptions> options) : Ports.IInventoryCatalogSource
{
    private (CatalogOptions Options, InventoryCatalog Catalog)? _cached;

    public ValueTask<InventoryCatalog> GetCatalogAsync(CancellationToken cancellationToken)
    {
        var current = options.CurrentValue;
        var cached = _cached;
        if (cached is { } hit && ReferenceEquals(hit.Options, current))
        {
            return ValueTask.FromResult(hit.Catalog);
        }
        var catalog = current.ToCatalog();
        _cached = (current, catalog);
        return ValueTask.FromResult(catalog);
    }
}
