using Microsoft.Extensions.Options;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Core.Application;

/// <summary>
/// The sweeper. Availability already ignores a lapsed reservation the moment it expires; this makes the
/// expiry durable (status, change feed, pushes) within one timer period.
/// </summary>
public sealed class ExpireReservationsHandler(
    SkuUnitOfWork unitOfWork,
    IInventoryStore store,
    TimeProvider timeProvider,
    IOptions<ReservationOptions> options)
{
    private readonly int _batchSize = options.Value.SweepBatchSize;

    /// <summary>Expires every lapsed reservation and returns how many it expired.</summary>
    public async Task<int> HandleAsync(CancellationToken cancellationToken)
    {
        var expired = 0;
        while (true)
        {
            var now = timeProvider.GetUtcNow();
            var lapsed = await store.FindLapsedReservationsAsync(now, _batchSize, cancellationToken).ConfigureAwait(false);
            foreach (var sku in lapsed.Select(r => r.Sku).Distinct())
            {
                // A SKU with more lapsed holds than one commit takes is swept in several commits.
                int expiredNow;
                do
                {
                    expiredNow = await unitOfWork.ExecuteAsync(
                        sku,
                        SnapshotRequest.None,
                        (inventory, _) => ValueTask.FromResult(inventory.ExpireLapsed(now)),
                        cancellationToken).ConfigureAwait(false);
                    expired += expiredNow;
                }
                while (expiredNow == SkuCommit.MaxItems);
            }
            if (lapsed.Count < _batchSize)
            {
                return expired;
            }
        }
    }
}
