using Microsoft.Extensions.Options;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Core.Application;

/// <summary>A checkout's request as it arrives: raw values, validated by the handler.</summary>
public sealed record ReserveCommand(string? Sku, int Quantity, string? Channel, string? Location = null, string? ReservationId = null, int? TtlSeconds = null);

/// <summary>
/// The synchronous path: decides at once against the master whether a checkout may hold stock. Zero
/// oversells come from deciding on one version of the SKU and committing only if it is still current; concurrent
/// checkouts on one SKU are decided together (<see cref="ReservationBatcher"/>).
/// </summary>
public sealed class ReserveHandler(
    ReservationBatcher batcher,
    IInventoryStore store,
    IOptions<ReservationOptions> options,
    InventoryMetrics metrics)
{
    private readonly ReservationOptions _options = options.Value;

    public async Task<ReservationResult> HandleAsync(ReserveCommand command, CancellationToken cancellationToken)
    {
        var result = await DecideAsync(command, cancellationToken).ConfigureAwait(false);
        metrics.Reservation(result);
        return result;
    }

    private async Task<ReservationResult> DecideAsync(ReserveCommand command, CancellationToken cancellationToken)
    {
        ReservationRequest request;
        try
        {
            request = ToRequest(command);
        }
        catch (DomainValidationException invalid)
        {
            return ReservationResult.Fail(ReservationFailure.Invalid, invalid.Reason, invalid.Field);
        }

        if (command.ReservationId is not null
            && await store.FindReservationSkuAsync(request.Id, cancellationToken).ConfigureAwait(false) is { } owner
            && owner != request.Sku)
        {
            return ReservationResult.Fail(ReservationFailure.Invalid, "reservationId is already used for another SKU", "reservationId");
        }

        return await batcher.DecideAsync(request.Sku, request.Id, (inventory, now) => inventory.Reserve(request, now), cancellationToken)
            .ConfigureAwait(false);
    }

    private ReservationRequest ToRequest(ReserveCommand command)
    {
        var ttl = command.TtlSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : _options.DefaultTtl;
        if (ttl > _options.MaxTtl)
        {
            throw new DomainValidationException("ttlSeconds", $"must be at most {(int)_options.MaxTtl.TotalSeconds}");
        }
        return new ReservationRequest(
            command.ReservationId is { } id ? new ReservationId(id) : ReservationId.New(),
            new Sku(command.Sku!),
            new ChannelId(command.Channel!),
            Guard.Positive(command.Quantity, "quantity"),
            command.Location is { } location ? new LocationId(location) : null,
            ttl);
    }
}
