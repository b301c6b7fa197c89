using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using ServerlessInventory.Core.Ports;
using ServerlessInventory.Functions.Http;

namespace ServerlessInventory.Functions.Ops.Reconciliation;

/// <summary><c>GET /api/ops/reconciliation/runs/{runId}</c>: the run's counts and a page of its discrepancies by SKU; 404 when unknown.</summary>
public sealed class GetReconciliationRun(IReconciliationReportStore reports)
{
    [Function(nameof(GetReconciliationRun))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "ops/reconciliation/runs/{runId}")] HttpRequest request,
        string runId,
        CancellationToken cancellationToken)
        => ApiResults.ValidatedAsync(async () =>
        {
            var report = await reports.GetAsync(runId, OpsPaging.PageSize(request), request.Query["continuation"].FirstOrDefault(), cancellationToken).ConfigureAwait(false);
            return report is null
                ? ApiResults.NotFound($"reconciliation run '{runId}' is unknown")
                : ApiResults.Json(StatusCodes.Status200OK, new ReportBody(RunBody.From(report.Run), [.. report.Discrepancies.Items.Select(DiscrepancyBody.From)], report.Discrepancies.Continuation));
        });
}
