using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Core.Availability;

/// <summary>
/// The catalog from configuration (<see cref="CatalogOptions"/>) merged with the channel registry: a channel in the
/// registry replaces the configured channel of the same id, its secret still coming from configuration
/// (<c>Catalog:Channels:{id}:Secret</c>); safety stock stays configured. The result is cached for
/// <see cref="RegistryCatalogOptions.CacheDuration"/>. If the registry cannot be read, the last catalog is kept
/// (a table outage must not stop webhooks) and the registry is tried again after another cache period.
/// </summary>
public sealed partial class RegistryCatalogSource(
    IChannelRegistry registry,
    IOptionsMonitor<CatalogOptions> catalogOptions,
    IOptions<RegistryCatalogOptions> options,
    TimeProvider timeProvider,
    ILogger<RegistryCatalogSource> logger) : IInventoryCatalogSource, IDisposable
{
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private Cached? _cached;

    public async ValueTask<InventoryCatalog> GetCatalogAsync(CancellationToken cancellationToken)
    {
        if (Fresh(_cached) is { } hit)
        {
            return hit;
        }
        // One refresh at a time: a burst of requests at expiry reads the registry once.
        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Fresh(_cached) is { } refreshed)
            {
                return refreshed;
            }
            var configured = catalogOptions.CurrentValue;
            var expiresAt = timeProvider.GetUtcNow() + options.Value.CacheDuration;
            IReadOnlyList<ChannelRegistration> registered;
            try
            {
                registered = await registry.ListAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception failure) when (failure is not OperationCanceledException && _cached is not null)
            {
                LogRegistryUnavailable(logger, failure.Message);
                _cached = _cached with { ExpiresAt = expiresAt };
                return _cached.Catalog;
            }
            var catalog = Merge(configured, registered);
            _cached = new Cached(catalog, configured, expiresAt);
            return catalog;
        }
        finally
        {
            _refresh.Release();
        }
    }

    public void Dispose() => _refresh.Dispose();

    /// <summary>The configured channels with the registered ones laid over them, built as configuration would be.</summary>
    internal static InventoryCatalog Merge(CatalogOptions configured, IReadOnlyList<ChannelRegistration> registered)
    {
        var merged = new CatalogOptions { DefaultSafetyStock = configured.DefaultSafetyStock };
        foreach (var (key, units) in configured.SafetyStock)
        {
            merged.SafetyStock[key] = units;
        }
        foreach (var (id, channel) in configured.Channels)
        {
            merged.Channels[id] = channel;
        }
        foreach (var registration in registered)
        {
            var settings = configured.Channels.GetValueOrDefault(registration.Channel.Value);
            var options = AsOptions(registration, settings?.Secret);
            // The shop and its token live in settings like the secret; a registered channel keeps them.
            options.ShopDomain = settings?.ShopDomain;
            options.AccessToken = settings?.AccessToken;
            options.ShopifyLocationId = settings?.ShopifyLocationId;
            options.ShopifyEndpoint = settings?.ShopifyEndpoint;
            merged.Channels[registration.Channel.Value] = options;
        }
        return merged.ToCatalog();
    }

    private static ChannelOptions AsOptions(ChannelRegistration registration, string? secret)
    {
        var options = new ChannelOptions
        {
            Locations = [.. registration.Locations.Select(l => l.Value)],
            Secret = secret,
            PushUrl = registration.PushUrl,
            LevelsUrl = registration.LevelsUrl,
            Format = registration.Format,
            RequireSkuMapping = registration.RequireSkuMapping,
            Buffer = registration.Buffer,
            AllocationPercent = registration.Allocation.Kind == AllocationKind.Percent ? registration.Allocation.Value : null,
            AllocationCap = registration.Allocation.Kind == AllocationKind.Cap ? registration.Allocation.Value : null,
        };
        foreach (var (external, mapping) in registration.SkuMap)
        {
            options.SkuMap[external] = new SkuMapOptions { Sku = mapping.Sku.Value, UnitFactor = mapping.UnitFactor };
        }
        foreach (var (external, mapping) in registration.VariantMap)
        {
            options.VariantMap[external] = new SkuMapOptions { Sku = mapping.Sku.Value, UnitFactor = mapping.UnitFactor };
        }
        foreach (var (external, location) in registration.LocationMap)
        {
            options.LocationMap[external] = location.Value;
        }
        return options;
    }

    /// <summary>The cached catalog while it has not expired and configuration has not changed since it was built.</summary>
    private InventoryCatalog? Fresh(Cached? cached) =>
        cached is not null && timeProvider.GetUtcNow() < cached.ExpiresAt && ReferenceEquals(cached.Configured, catalogOptions.CurrentValue)
            ? cached.Catalog
            : null;

    private sealed record Cached(InventoryCatalog Catalog, CatalogOptions Configured, DateTimeOffset ExpiresAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Channel registry unavailable; keeping the last catalog: {Reason}")]
    private static partial void LogRegistryUnavailable(ILogger logger, string reason);
}
