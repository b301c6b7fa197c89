using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Reconciliation;
using ServerlessInventory.Functions.Http;

namespace ServerlessInventory.Functions.Ops.Reconciliation;

/// <summary>
/// <c>POST /api/ops/reconciliation/review/{runId}/{sku}</c> <c>{"resolution":"accept_master"|"accept_channel","resolvedBy"?}</c>:
/// 200 with the settled item; 404 for an unknown run or item; 409 for an item already settled.
/// </summary>
public sealed class ResolveReconciliationReview(ReviewHandler review)
{
    [Function(nameof(ResolveReconciliationReview))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "ops/reconciliation/review/{runId}/{sku}")] HttpRequest request,
        string runId,
        string sku,
        CancellationToken cancellationToken)
        => ApiResults.ValidatedAsync(async () =>
        {
            var body = await RequestBody.ReadJsonAsync<ResolveRequest>(request, cancellationToken).ConfigureAwait(false);
            var resolution = ReconciliationNames.ParseResolution(body.Resolution)
                ?? throw new DomainValidationException("resolution", "must be accept_master or accept_channel");
            var resolvedBy = body.ResolvedBy is { } who ? Guard.Text(who, "resolvedBy") : "ops";
            var result = await review.ResolveAsync(runId, new Sku(sku, "sku"), resolution, resolvedBy, cancellationToken).ConfigureAwait(false);
            return result.Status switch
            {
                ReviewStatus.Resolved => ApiResults.Json(StatusCodes.Status200OK, DiscrepancyBody.From(result.Item!)),
                ReviewStatus.AlreadyResolved => ApiResults.Problem(StatusCodes.Status409Conflict, "Already resolved.", detail: $"review item {runId}/{sku} was resolved before"),
                _ => ApiResults.NotFound($"no review item for SKU '{sku}' in run '{runId}'"),
            };
        });
}
