using ServerlessInventory.Core.Domain;

namespace ServerlessInventory.Core.Ports;

/// <summary>
/// Every SKU the master holds, in ordinal order, page by page: what a bulk export or a store-to-store replay walks.
/// Beside <see cref="IInventoryStore"/> rather than in it, because only ops tools need it.
/// </summary>
public interface ISkuDirectory
{
    /// <summary>Up to <paramref name="pageSize"/> SKUs ordinally after <paramref name="after"/> (from the first when null).</summary>
    Task<IReadOnlyList<Sku>> ListSkusAsync(Sku? after, int pageSize, CancellationToken cancellationToken);
}
