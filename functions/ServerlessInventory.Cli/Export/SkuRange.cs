using System.Runtime.CompilerServices;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Cli.Export;

/// <summary>The SKUs between two bounds (inclusive, ordinal; either open), walked a page at a time.</summary>
internal sealed record SkuRange(string? From, string? To)
{
    private const int PageSize = 500;

    public static SkuRange All { get; } = new(null, null);

    public async IAsyncEnumerable<Sku> WalkAsync(ISkuDirectory directory, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // The directory lists strictly after a SKU, and the SKU before From is unknown: names before it are skipped here.
        Sku? after = null;
        while (true)
        {
            var page = await directory.ListSkusAsync(after, PageSize, cancellationToken).ConfigureAwait(false);
            foreach (var sku in page)
            {
                if (To is not null && string.CompareOrdinal(sku.Value, To) > 0)
                {
                    yield break;
                }
                if (From is null || string.CompareOrdinal(sku.Value, From) >= 0)
                {
                    yield return sku;
                }
            }
            if (page.Count < PageSize)
            {
                yield break;
            }
            after = page[^1];
        }
    }
}
