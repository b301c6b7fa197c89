using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using ServerlessInventory.Core.Application;

namespace ServerlessInventory.Functions.Http;

/// <summary><c>DELETE /api/reservations/{reservationId}</c>: the checkout was abandoned; releasing twice is fine.</summary>
public sealed class ReleaseReservation(ReservationLifecycleHandler handler)
{
    [Function(nameof(ReleaseReservation))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "reservations/{reservationId}")] HttpRequest request,
        string reservationId,
        CancellationToken cancellationToken)
    {
        var result = await handler.ReleaseAsync(reservationId, cancellationToken).ConfigureAwait(false);
        return ReservationResults.ToActionResult(result, StatusCodes.Status200OK);
    }
}
