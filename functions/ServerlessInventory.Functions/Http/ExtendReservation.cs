using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using ServerlessInventory.Core.Application;

namespace ServerlessInventory.Functions.Http;

/// <summary><c>POST /api/reservations/{reservationId}/extend</c>: a checkout that needs more time; an expired hold cannot be brought back.</summary>
public sealed class ExtendReservation(ReservationLifecycleHandler handler)
{
    [Function(nameof(ExtendReservation))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "reservations/{reservationId}/extend")] HttpRequest request,
        string reservationId,
        CancellationToken cancellationToken)
        => ApiResults.ValidatedAsync(async () =>
        {
            var body = await RequestBody.ReadJsonAsync<ExtendReservationBody>(request, cancellationToken).ConfigureAwait(false);
            var result = await handler.ExtendAsync(reservationId, body.TtlSeconds, cancellationToken).ConfigureAwait(false);
            return ReservationResults.ToActionResult(result, StatusCodes.Status200OK);
        });
}
