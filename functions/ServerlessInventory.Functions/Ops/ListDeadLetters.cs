using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using ServerlessInventory.Core.Operations;
using ServerlessInventory.Functions.Http;

namespace ServerlessInventory.Functions.Ops;

/// <summary><c>GET /api/ops/deadletters</c>: messages that kept failing, with why, oldest first.</summary>
public sealed class ListDeadLetters(StuckEventsHandler handler)
{
    [Function(nameof(ListDeadLetters))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "ops/deadletters")] HttpRequest request,
        CancellationToken cancellationToken)
        => ApiResults.ValidatedAsync(async () =>
        {
            var page = await handler.ListDeadLettersAsync(Query.PageSize(request), request.Query["continuation"].FirstOrDefault(), cancellationToken).ConfigureAwait(false);
            return ApiResults.Json(StatusCodes.Status200OK, new PageBody<DeadLetterBody>([.. page.Items.Select(DeadLetterBody.From)], page.Continuation));
        });
}
