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
    [EndpointSummary("The last hour of health samples, oldest first: apply lag p99, pushes owed, webhook events per minute.")]
    [EndpointDescription(
        "Shape: {intervalSeconds, samples[{at, applyLagP99Seconds, pushesOwed, webhooksPerMinute}]}. Sampled by this instance every " +
        "Health:SampleInterval (default 10 s, the SampleHealthSchedule timer), kept for Health:HistoryWindow (default 1 hour), in memory: " +
        "a restart starts it empty, and each function app instance keeps its own. Ops key required.")]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Admin, "get", Route = "ops/health/history")] HttpRequest request) =>
        ApiResults.Json(StatusCodes.Status200OK, sampler.History());
}
