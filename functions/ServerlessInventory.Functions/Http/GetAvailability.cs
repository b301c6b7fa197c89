using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using ServerlessInventory.Core.Application;
using ServerlessInventory.Core.Domain;

namespace ServerlessInventory.Functions.Http;

/// <summary><c>GET /api/availability?channel=web&amp;sku=A&amp;sku=B</c>: what one channel may offer now.</summary>
public sealed class GetAvailability(QueryAvailabilityHandler handler)
{
    [Function(nameof(GetAvailability))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "availability")] HttpRequest request,
        CancellationToken cancellationToken)
        => ApiResults.ValidatedAsync(async () =>
        {
            var channel = new ChannelId(request.Query["channel"].FirstOrDefault()!);
            var skus = request.Query["sku"].Select(s => new Sku(s!)).ToList();
            if (skus.Count == 0)
            {
                return ApiResults.BadRequest("sku", "at least one is required");
            }
            var report = await handler.HandleAsync(channel, skus, cancellationToken).ConfigureAwait(false);
            return report is null
                ? ApiResults.NotFound($"channel '{channel}' is not configured to sell")
                : ApiResults.Json(StatusCodes.Status200OK, new AvailabilityBody(report.Channel.Value, [.. report.Items.Select(i => new SkuAvailabilityBody(i.Sku.Value, i.Available))]));
        });
}
