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
    [EndpointSummary("The pipeline's health now: per channel pushes owed, last push acknowledged and failed, circuit, last reconciliation; topic backlog; apply lag; parked and dead-letter counts; webhook outcomes.")]
    [EndpointDescription(
        "Shape: {at, channels[{channel, source, at, pushesOwed, pushesOwedCapped, oldestOwedAgeSeconds, lastAcknowledged{sku,version,at}|null, " +
        "lastFailed{sku,version,at,reason}|null, circuit: closed|open|half_open|unknown, lastReconciliation{runId,at,status,discrepancies,reviewOpen}|null}], " +
        "topic{source, at, pending, oldestPendingAgeSeconds (null where the topic cannot tell, e.g. Service Bus), deadLettered}, " +
        "apply{source, at, lagP50Seconds, lagP99Seconds, samples}, parked{source, at, count}, deadLetters{source, at, count}, " +
        "webhooks{source, at, last5Minutes{accepted,duplicate,parked}, last60Minutes{...}}}. Every section names where its figures came from " +
        "(`source`) and when they were read (`at`, ISO-8601 UTC); durations are seconds. Apply lag, webhook counts and last push outcomes " +
        "are this instance's, since it started (apply lag over the last Health:ApplyLagWindow, default 5 minutes). Channels are the " +
        "selling channels of the catalog and any channel still owed a push. pushesOwed counts at most Health:MaxOwedRead (default 10,000) " +
        "owed pushes over all channels; pushesOwedCapped says the limit was reached. Ops key required.")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "ops/health")] HttpRequest request,
        CancellationToken cancellationToken) =>
        ApiResults.Json(StatusCodes.Status200OK, await handler.ReadAsync(cancellationToken).ConfigureAwait(false));
}
