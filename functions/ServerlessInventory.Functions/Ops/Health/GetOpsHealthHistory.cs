using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using ServerlessInventory.Core.Operations.Health;
using ServerlessInventory.Functions.Http;

namespace ServerlessInventory.Functions.Ops.Health;

/// <summary>
/// <c>GET /api/ops/health/history</c>: this instance's samples of the last hour, oldest first (apply lag p99, pushes
/// owed, webhook events per minute), taken by <see cref="SampleHealth"/>.
/// </summary>
public sealed class GetOpsHealthHistory(HealthSampler sampler)
{
    [Function(nameof(GetOpsHealthHistory))]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Admin, "get", Route = "ops/health/history")] HttpRequest request) =>
        ApiResults.Json(StatusCodes.Status200OK, sampler.History());
}
