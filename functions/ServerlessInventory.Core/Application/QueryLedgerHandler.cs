using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Core.Application;

/// <summary>The audit trail of a SKU, newest first, a page at a time.</summary>
public sealed class QueryLedgerHandler(IInventoryStore store)
{
    public const int DefaultPageSize = 50;

    public const int MaxPageSize = 500;

    public Task<LedgerPage> HandleAsync(Sku sku, int? pageSize, string? continuation, CancellationToken cancellationToken)
    {
        var size = pageSize ?? DefaultPageSize;
        if (size is < 1 or > MaxPageSize)
        {
            throw new DomainValidationException("pageSize", $"must be from 1 to {MaxPageSize}");
        }
        return store.ReadLedgerAsync(sku, size, continuation, cancellationToken);
    }
}
