using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using ServerlessInventory.Core.Application;
using ServerlessInventory.Core.Domain;

namespace ServerlessInventory.Functions.Http;

/// <summary><c>GET /api/inventory/{sku}</c>: every position of a SKU with all its quantities, and each channel's availability.</summary>
public sealed class GetInventory(QueryInventoryHandler handler)
{
    [Function(nameof(GetInventory))]
    [EndpointSummary("Every position of a SKU with all its quantities, and each channel's availability.")]
    [EndpointDescription(
        "channels[].available is the same value GET /api/availability answers the channel (its allocation as a quota, " +
        "less its buffer). No query parameters: any is a 400 problem+json naming it.")]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "inventory/{sku}")] HttpRequest request,
        string sku,
        CancellationToken cancellationToken)
        => ApiResults.ValidatedAsync(async () =>
        {
            Query.AllowOnly(request);
            var report = await handler.HandleAsync(new Sku(sku), cancellationToken).ConfigureAwait(false);
            return ApiResults.Json(StatusCodes.Status200OK, InventoryBody.From(report));
        });
}
