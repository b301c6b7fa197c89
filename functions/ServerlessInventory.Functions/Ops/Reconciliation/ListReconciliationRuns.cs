using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;
using ServerlessInventory.Functions.Http;

namespace ServerlessInventory.Functions.Ops.Reconciliation;

/// <summary><c>GET /api/ops/reconciliation/runs?channel=</c>: runs newest first, of one channel or all, with their counts.</summary>
public sealed class ListReconciliationRuns(IReconciliationReportStore reports)
{
    [Function(nameof(ListReconciliationRuns))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "ops/reconciliation/runs")] HttpRequest request,
        CancellationToken cancellationToken)
        => ApiResults.ValidatedAsync(async () =>
        {
            var channel = request.Query["channel"].FirstOrDefault() is { } asked ? new ChannelId(asked, "channel") : (ChannelId?)null;
            var page = await reports.ListRunsAsync(channel, OpsPaging.PageSize(request), request.Query["continuation"].FirstOrDefault(), cancellationToken).ConfigureAwait(false);
            return ApiResults.Json(StatusCodes.Status200OK, new PageBody<RunBody>([.. page.Items.Select(RunBody.From)], page.Continuation));
        });
}
