using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using ServerlessInventory.Core.Domain;

namespace ServerlessInventory.Functions.Http;

public sealed record CreateReservationBody(string? Sku, int Quantity, string? Channel, string? Location, string? ReservationId, int? TtlSeconds);

public sealed record ConfirmReservationBody(string? OrderId);

public sealed record ExtendReservationBody(int? TtlSeconds);

/// <summary>A reservation as the API shows it.</summary>
public sealed record ReservationBody(string ReservationId, string Sku, string Location, string Channel, int Quantity, DateTimeOffset ExpiresAt, string Status, string? OrderId)
{
    public static ReservationBody From(Reservation r) =>
        new(r.Id.Value, r.Sku.Value, r.Location.Value, r.Channel.Value, r.Quantity, r.ExpiresAt, r.Status.ToString().ToLowerInvariant(), r.OrderId);
}

/// <summary>Every reservation outcome mapped to its HTTP answer, the same for each reservation function.</summary>
internal static class ReservationResults
{
    public static IActionResult ToActionResult(ReservationResult result, int successStatus) => result switch
    {
        { Reservation: { } reservation, Failure: null } => ApiResults.Json(successStatus, ReservationBody.From(reservation)),
        { Failure: ReservationFailure.InsufficientStock } => ApiResults.Json(StatusCodes.Status409Conflict, new { error = "insufficient_stock", available = result.Available }),
        { Failure: ReservationFailure.NotFound } => ApiResults.NotFound(result.Reason ?? "reservation not found"),
        { Failure: ReservationFailure.Expired } => ApiResults.Problem(StatusCodes.Status409Conflict, "The reservation has expired.", "reservationId", result.Reason),
        { Failure: ReservationFailure.NotActive } => ApiResults.Problem(StatusCodes.Status409Conflict, "The reservation is no longer active.", "reservationId", result.Reason),
        _ => ApiResults.BadRequest(result.Field ?? "body", result.Reason ?? "is invalid"),
    };
}
