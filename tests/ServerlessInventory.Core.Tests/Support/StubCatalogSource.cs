using ServerlessInventory.Core.Availability;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Core.Tests.Support;

/// <summary>A catalog source answering whatever catalog it currently holds, so a test can change master data between calls.</summary>
internal sealed class StubCatalogSource(InventoryCatalog catalog) : IInventoryCatalogSource
{
    public InventoryCatalog Catalog { get; set; } = catalog;

    public ValueTask<InventoryCatalog> GetCatalogAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Catalog);
}
