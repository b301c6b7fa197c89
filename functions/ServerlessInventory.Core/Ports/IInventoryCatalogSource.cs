using ServerlessInventory.Core.Availability;

namespace ServerlessInventory.Core.Ports;

/// <summary>Where channel policies and safety stock come from: configuration, or the channel registry table.</summary>
public interface IInventoryCatalogSource
{
    ValueTask<InventoryCatalog> GetCatalogAsync(CancellationToken cancellationToken);
}
