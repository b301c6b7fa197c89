using Microsoft.Extensions.Options;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Core.Application;

/// <summary>What happens to a reservation after it is granted: confirmed into an order, released, or extended.</summary>
public sealed class ReservationLifecycleHandler(
    ReservationBatcher batcher,
    IInventoryStore store,
    IOptions<ReservationOptions> options,
    InventoryMetrics metrics)
{
    private readonly ReservationOptions _options = options.Value;

    public Task<ReservationResult> ConfirmAsync(string? reservationId, string? orderId, CancellationToken cancellationToken) =>
        RunAsync(reservationId, (inventory, id, now) =>
            inventory.Confirm(id, Guard.Identifier(orderId, "orderId"), now), cancellationToken);

    public Task<ReservationResult> ReleaseAsync(string? reservationId, CancellationToken cancellationToken) =>
        RunAsync(reservationId, (inventory, id, now) => inventory.Release(id, now), cancellationToken);

    public Task<ReservationResult> ExtendAsync(string? reservationId, int? ttlSeconds, CancellationToken cancellationToken) =>
        RunAsync(reservationId, (inventory, id, now) =>
        {
            var ttl = ttlSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : _options.DefaultTtl;
            if (ttl <= TimeSpan.Zero || ttl > _options.MaxTtl)
            {
                throw new DomainValidationException("ttlSeconds", $"must be from 1 to {(int)_options.MaxTtl.TotalSeconds}");
            }
            return inventory.Extend(id, ttl, now);
        }, cancellationToken);

    private async Task<ReservationResult> RunAsync(
        string? rawId,
        Func<SkuInventory, ReservationId, DateTimeOffset, ReservationResult> change,
        CancellationToken cancellationToken)
    {
        var result = await DecideAsync(rawId, change, cancellationToken).ConfigureAwait(false);
        metrics.Reservation(result);
        return result;
    }

    private async Task<ReservationResult> DecideAsync(
        string? rawId,
        Func<SkuInventory, ReservationId, DateTimeOffset, ReservationResult> change,
        CancellationToken cancellationToken)
    {
        try
        {
            var id = new ReservationId(rawId!);
            if (await store.FindReservationSkuAsync(id, cancellationToken).ConfigureAwait(false) is not { } sku)
            {
                return ReservationResult.Fail(ReservationFailure.NotFound, $"reservation '{id}' does not exist");
            }
            return await batcher.DecideAsync(sku, id, (inventory, now) => change(inventory, id, now), cancellationToken).ConfigureAwait(false);
        }
        catch (DomainValidationException invalid)
        {
            return ReservationResult.Fail(ReservationFailure.Invalid, invalid.Reason, invalid.Field);
        }
    }
}
