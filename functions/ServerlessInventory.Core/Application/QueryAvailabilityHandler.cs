using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Core.Application;

/// <summary>One channel's availability for each SKU asked, in the order asked.</summary>
public sealed record AvailabilityReport(ChannelId Channel, IReadOnlyList<SkuAvailability> Items);

public sealed record SkuAvailability(Sku Sku, int Available);

/// <summary>What a channel may offer now, for a list of SKUs; null when the channel is not configured.</summary>
public sealed class QueryAvailabilityHandler(QueryInventoryHandler inventory, IInventoryCatalogSource catalogSource, TimeProvider timeProvider)
{
    /// <summary>Most SKUs one request may ask for: each is one read of the store.</summary>
    public const int MaxSkus = 100;

    public async Task<AvailabilityReport?> HandleAsync(ChannelId channel, IReadOnlyList<Sku> skus, CancellationToken cancellationToken)
    {
        if (skus.Count > MaxSkus)
        {
            throw new DomainValidationException("sku", $"at most {MaxSkus} SKUs per request");
        }
        var catalog = await catalogSource.GetCatalogAsync(cancellationToken).ConfigureAwait(false);
        if (!catalog.TryGetChannel(channel, out var policy))
        {
            return null;
        }
        var items = new List<SkuAvailability>(skus.Count);
        foreach (var sku in skus)
        {
            var state = await inventory.LoadAsync(sku, cancellationToken).ConfigureAwait(false);
            items.Add(new SkuAvailability(sku, policy.AvailableFrom(state.ViewAt(timeProvider.GetUtcNow()))));
        }
        return new AvailabilityReport(channel, items);
    }
}
