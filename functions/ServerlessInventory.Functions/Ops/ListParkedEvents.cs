using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using ServerlessInventory.Core.Operations;
using ServerlessInventory.Functions.Http;

namespace ServerlessInventory.Functions.Ops;

/// <summary><c>GET /api/ops/parked</c>: events that could not be accepted, with why, oldest first.</summary>
public sealed class ListParkedEvents(StuckEventsHandler handler)
{
    [Function(nameof(ListParkedEvents))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "ops/parked")] HttpRequest request,
        CancellationToken cancellationToken)
        => ApiResults.ValidatedAsync(async () =>
        {
            var page = await handler.ListParkedAsync(Query.PageSize(request), request.Query["continuation"].FirstOrDefault(), cancellationToken).ConfigureAwait(false);
            return ApiResults.Json(StatusCodes.Status200OK, new PageBody<ParkedEventBody>([.. page.Items.Select(ParkedEventBody.From)], page.Continuation));
        });
}
