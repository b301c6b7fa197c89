using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using ServerlessInventory.Core.Application;

namespace ServerlessInventory.Functions.Http;

/// <summary><c>POST /api/reservations/{reservationId}/confirm</c>: the held units become a committed order.</summary>
public sealed class ConfirmReservation(ReservationLifecycleHandler handler)
{
    [Function(nameof(ConfirmReservation))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "reservations/{reservationId}/confirm")] HttpRequest request,
        string reservationId,
        CancellationToken cancellationToken)
        => ApiResults.ValidatedAsync(async () =>
        {
            var body = await RequestBody.ReadJsonAsync<ConfirmReservationBody>(request, cancellationToken).ConfigureAwait(false);
            var result = await handler.ConfirmAsync(reservationId, body.OrderId, cancellationToken).ConfigureAwait(false);
            return ReservationResults.ToActionResult(result, StatusCodes.Status200OK);
        });
}
