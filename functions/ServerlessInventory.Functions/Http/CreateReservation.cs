using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using ServerlessInventory.Core.Application;

namespace ServerlessInventory.Functions.Http;

/// <summary><c>POST /api/reservations</c>: the synchronous checkout path, decided at once against the master.</summary>
public sealed class CreateReservation(ReserveHandler handler)
{
    [Function(nameof(CreateReservation))]
    [EndpointSummary("Holds stock for a checkout, decided at once against the master.")]
    [EndpointDescription(
        "Body {sku, quantity, channel, location?, reservationId?, ttlSeconds?}. Granted exactly when GET /api/availability " +
        "allows it: without location, at the channel's location with the most availableToSell within its pooled availability; " +
        "with location (store pickup), on that location's own availability. 201 the reservation; 409 " +
        "{error: insufficient_stock, available}; 400 problem+json naming the field; 503 problem+json with Retry-After when " +
        "other writers kept the SKU changing under every attempt (retry with the same reservationId: it is idempotent).")]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "reservations")] HttpRequest request,
        CancellationToken cancellationToken)
        => ApiResults.ValidatedAsync(async () =>
        {
            var body = await RequestBody.ReadJsonAsync<CreateReservationBody>(request, cancellationToken).ConfigureAwait(false);
            var result = await handler.HandleAsync(
                new ReserveCommand(body.Sku, body.Quantity, body.Channel, body.Location, body.ReservationId, body.TtlSeconds), cancellationToken).ConfigureAwait(false);
            return ReservationResults.ToActionResult(result, StatusCodes.Status201Created);
        });
}
