using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using ServerlessInventory.Core.Application;
using ServerlessInventory.Core.Domain;

namespace ServerlessInventory.Functions.Http;

/// <summary>
/// <c>GET /api/availability?channel=web&amp;sku=A&amp;sku=B</c>: what one channel may offer now; with
/// <c>&amp;location=store-2</c> (repeatable), each location's own availability under the channel's rules (store pickup).
/// </summary>
public sealed class GetAvailability(QueryAvailabilityHandler handler)
{
    [Function(nameof(GetAvailability))]
    [EndpointSummary("What one channel may offer now, per SKU, pooled or at each location asked (store pickup).")]
    [EndpointDescription(
        "Query: channel (required), sku (repeat, 1-100), location (optional, repeat). Without location: " +
        "{channel, items:[{sku, available}]}, the channel's allocation as a quota (its share of its locations' stock before " +
        "any promise, less its own active reservations and open orders, never more than the pool has left) less its buffer. " +
        "With location: one item per SKU and location, {sku, location, available}: that location's own availableToSell, " +
        "bounded by the same remaining quota, less the buffer; a reservation with that location is decided on exactly this " +
        "value. 400 problem+json naming the field: a location the channel does not sell from (location), any other query " +
        "parameter (its name). 404: the channel is not configured.")]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "availability")] HttpRequest request,
        CancellationToken cancellationToken)
        => ApiResults.ValidatedAsync(async () =>
        {
            Query.AllowOnly(request, "channel", "sku", "location");
            var channel = new ChannelId(request.Query["channel"].FirstOrDefault()!);
            var skus = request.Query["sku"].Select(s => new Sku(s!)).ToList();
            if (skus.Count == 0)
            {
                return ApiResults.BadRequest("sku", "at least one is required");
            }
            var locations = request.Query["location"].Select(l => new LocationId(l!)).ToList();
            var report = await handler.HandleAsync(channel, skus, locations, cancellationToken).ConfigureAwait(false);
            return report is null
                ? ApiResults.NotFound($"channel '{channel}' is not configured to sell")
                : ApiResults.Json(StatusCodes.Status200OK, AvailabilityBody.From(report));
        });
}
