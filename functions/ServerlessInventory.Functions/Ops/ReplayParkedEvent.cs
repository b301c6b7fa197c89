using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using ServerlessInventory.Core.Application;
using ServerlessInventory.Functions.Http;

namespace ServerlessInventory.Functions.Ops;

/// <summary><c>POST /api/ops/parked/{id}/replay</c>: reads a parked event again with today's mapping and publishes it if it now passes.</summary>
public sealed class ReplayParkedEvent(ReplayParkedEventHandler handler)
{
    [Function(nameof(ReplayParkedEvent))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "ops/parked/{id}/replay")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        OpsReplay.ToActionResult(await handler.HandleAsync(id, cancellationToken).ConfigureAwait(false), id);
}
