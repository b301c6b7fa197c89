using Microsoft.Extensions.Options;
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
        var channels = Channels.Select(pair => ChannelPolicy(pair.Key, pair.Value)).ToList();
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
        return new InventoryCatalog(channels, DefaultSafetyStock, skuLevel, positionLevel);
    }

    /// <summary>Builds one channel's policy, naming the channel in any error so a bad setting can be found.</summary>
    private static ChannelPolicy ChannelPolicy(string channel, ChannelOptions options)
    {
        try
        {
            return options.ToPolicy(new ChannelId(channel));
        }
        catch (DomainValidationException invalid)
        {
            throw new DomainValidationException($"channels:{channel}:{invalid.Field}", invalid.Reason);
        }
    }
}

/// <summary>One channel's availability policy. At most one of the two allocations may be set.</summary>
public sealed class ChannelOptions
{
    /// <summary>Locations the channel sells from; a store's POS lists only its store.</summary>
    public List<string> Locations { get; init; } = [];

    /// <summary>Units never offered to this channel (default 0).</summary>
    public int Buffer { get; set; }

    /// <summary>Share of the pooled availableToSell offered, 0 to 100, floored.</summary>
    public int? AllocationPercent { get; set; }

    /// <summary>Most units ever offered.</summary>
    public int? AllocationCap { get; set; }

    public ChannelPolicy ToPolicy(ChannelId channel)
    {
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
