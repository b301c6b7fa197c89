using ServerlessInventory.Core.Availability;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Core.Application;

/// <summary>Every position of a SKU with all its quantities, and what each channel is offered.</summary>
public sealed record InventoryReport(Sku Sku, IReadOnlyList<PositionView> Locations, IReadOnlyList<ChannelAvailability> Channels);

/// <summary>Reads a SKU as of now: expired reservations already do not count.</summary>
public sealed class QueryInventoryHandler(IInventoryStore store, IInventoryCatalogSource catalogSource, TimeProvider timeProvider)
{
    public async Task<InventoryReport> HandleAsync(Sku sku, CancellationToken cancellationToken)
    {
        var inventory = await LoadAsync(sku, cancellationToken).ConfigureAwait(false);
        var now = timeProvider.GetUtcNow();
        var locations = inventory.ViewAt(now).Values.OrderBy(p => p.Location.Value, StringComparer.Ordinal).ToList();
        return new InventoryReport(sku, locations, inventory.ChannelsAt(now));
    }

    /// <summary>The SKU's current state for reading only; nothing loaded this way is ever committed.</summary>
    public async Task<SkuInventory> LoadAsync(Sku sku, CancellationToken cancellationToken)
    {
        var catalog = await catalogSource.GetCatalogAsync(cancellationToken).ConfigureAwait(false);
        var snapshot = await store.LoadAsync(sku, SnapshotRequest.None, cancellationToken).ConfigureAwait(false);
        return new SkuInventory(snapshot, catalog);
    }

    /// <summary>Several SKUs' current state for reading only, in the order asked, read together where the store can.</summary>
    public async Task<IReadOnlyList<SkuInventory>> LoadManyAsync(IReadOnlyList<Sku> skus, CancellationToken cancellationToken)
    {
        var catalog = await catalogSource.GetCatalogAsync(cancellationToken).ConfigureAwait(false);
        var snapshots = await store.LoadManyAsync(skus, cancellationToken).ConfigureAwait(false);
        return [.. snapshots.Select(s => new SkuInventory(s, catalog))];
    }
}
