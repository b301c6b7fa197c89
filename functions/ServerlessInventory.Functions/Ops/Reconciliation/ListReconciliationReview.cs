using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using ServerlessInventory.Core.Reconciliation;
using ServerlessInventory.Functions.Http;

namespace ServerlessInventory.Functions.Ops.Reconciliation;

/// <summary><c>GET /api/ops/reconciliation/review</c>: open review items, newest run first (of the latest runs).</summary>
public sealed class ListReconciliationReview(ReviewHandler review)
{
    /// <summary>Runs looked through: an item older than this many runs has long been superseded by later runs' findings.</summary>
    private const int RunsLookedThrough = 100;

    [Function(nameof(ListReconciliationReview))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "ops/reconciliation/review")] HttpRequest request,
        CancellationToken cancellationToken)
        => ApiResults.ValidatedAsync(async () =>
        {
            var items = await review.ListOpenAsync(OpsPaging.PageSize(request), RunsLookedThrough, cancellationToken).ConfigureAwait(false);
            return ApiResults.Json(StatusCodes.Status200OK, new ReviewListBody([.. items.Select(i => new ReviewItemBody(i.RunId, i.Channel.Value, DiscrepancyBody.From(i.Discrepancy)))]));
        });
}
