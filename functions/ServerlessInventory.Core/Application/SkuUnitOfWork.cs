using Microsoft.Extensions.Options;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Core.Application;

/// <summary>
/// Optimistic concurrency in one place: load the SKU, let a decision change it, commit only if nobody
/// else did meanwhile, and otherwise decide again on fresh state, a bounded number of times.
/// </summary>
public sealed class SkuUnitOfWork(
    IInventoryStore store,
    IInventoryCatalogSource catalogSource,
    TimeProvider timeProvider,
    IOptions<InventoryOptions> options,
    InventoryMetrics metrics)
{
    private readonly InventoryOptions _options = options.Value;

    /// <summary>
    /// Runs <paramref name="decide"/> against the SKU until its changes commit, then returns what it returned.
    /// A decision that changes nothing commits nothing.
    /// </summary>
    public async Task<T> ExecuteAsync<T>(
        Sku sku,
        SnapshotRequest request,
        Func<SkuInventory, CancellationToken, ValueTask<T>> decide,
        CancellationToken cancellationToken)
    {
        var catalog = await catalogSource.GetCatalogAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            var snapshot = await store.LoadAsync(sku, request, cancellationToken).ConfigureAwait(false);
            var inventory = new SkuInventory(snapshot, catalog);
            var result = await decide(inventory, cancellationToken).ConfigureAwait(false);
            if (inventory.ToCommit() is not { } commit)
            {
                return result;
            }
            if (await store.CommitAsync(commit, cancellationToken).ConfigureAwait(false) is CommitResult.Committed)
            {
                return result;
            }

            metrics.ConcurrencyRetry();
            if (attempt >= _options.MaxConcurrencyAttempts)
            {
                throw new ConcurrencyExhaustedException(sku, attempt);
            }
            await BackOffAsync(attempt, cancellationToken).ConfigureAwait(false);
        }
    }

    private Task BackOffAsync(int attempt, CancellationToken cancellationToken)
    {
        if (_options.ConflictBackoff <= TimeSpan.Zero)
        {
            return Task.CompletedTask;
        }
        // Jitter keeps writers that collided once from colliding again in lock step.
        var factor = Math.Min(1 << Math.Min(attempt - 1, 10), 50) * (0.5 + Random.Shared.NextDouble());
        return Task.Delay(_options.ConflictBackoff * factor, timeProvider, cancellationToken);
    }
}
