using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using ServerlessInventory.Core.Operations.Health;
using ServerlessInventory.Functions.Http;

namespace ServerlessInventory.Functions.Ops.Health;

/// <summary>
/// <c>GET /api/ops/health</c>: per channel the pushes owed, the last push acknowledged and failed, the circuit and the
/// last reconciliation run; the topic's backlog; apply lag; parked and dead-letter counts; webhook outcomes over 5 and
/// 60 minutes. Each section names its source and when it was read.
/// </summary>
public sealed class GetOpsHealth(HealthHandler handler)
{
    [Function(nameof(GetOpsHealth))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "ops/health")] HttpRequest request,
        CancellationToken cancellationToken) =>
        ApiResults.Json(StatusCodes.Status200OK, await handler.ReadAsync(cancellationToken).ConfigureAwait(false));
}
