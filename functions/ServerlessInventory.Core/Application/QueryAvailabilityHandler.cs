using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Core.Application;

/// <summary>One channel's availability for each SKU asked (and each location asked, for store pickup), in the order asked.</summary>
public sealed record AvailabilityReport(ChannelId Channel, IReadOnlyList<SkuAvailability> Items);

/// <summary>A SKU's availability to the channel: over its whole location set, or at <see cref="Location"/> alone when one was asked.</summary>
public sealed record SkuAvailability(Sku Sku, int Available, LocationId? Location = null);

/// <summary>
/// What a channel may offer now, for a list of SKUs, pooled over its locations or at each location asked (a storefront's
/// "pick up today at store X"); null when the channel is not configured. The values come from the channel's one rule
/// (<see cref="Availability.ChannelPolicy"/>) that reservations are decided by and pushes are computed with.
/// </summary>
public sealed class QueryAvailabilityHandler(QueryInventoryHandler inventory, IInventoryCatalogSource catalogSource, TimeProvider timeProvider)
{
    /// <summary>Most SKUs one request may ask for: each is one read of the store.</summary>
    public const int MaxSkus = 100;

    /// <summary>
    /// Without <paramref name="locations"/>, one pooled item per SKU; with them, one item per SKU and location (SKU-major), each the location's own availability
    /// under the channel's rules. A location the channel does not sell from is refused, naming <c>location</c>.
    /// </summary>
    public async Task<AvailabilityReport?> HandleAsync(ChannelId channel, IReadOnlyList<Sku> skus, IReadOnlyList<LocationId> locations, CancellationToken cancellationToken)
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
        var foreign = locations.Where(l => !policy.SellsFrom(l)).Distinct().ToList();
        if (foreign.Count > 0)
        {
            throw new DomainValidationException("location", $"channel '{channel}' does not sell from {string.Join(", ", foreign.Select(l => $"'{l}'"))}");
        }
        var items = new List<SkuAvailability>(skus.Count * Math.Max(1, locations.Count));
        foreach (var sku in skus)
        {
            var state = await inventory.LoadAsync(sku, cancellationToken).ConfigureAwait(false);
            var view = state.AvailabilityAt(timeProvider.GetUtcNow());
            if (locations.Count == 0)
            {
                items.Add(new SkuAvailability(sku, policy.AvailableFrom(view)));
            }
            foreach (var location in locations.Distinct())
            {
                items.Add(new SkuAvailability(sku, policy.AvailableAt(view, location), location));
            }
        }
        return new AvailabilityReport(channel, items);
    }
}
