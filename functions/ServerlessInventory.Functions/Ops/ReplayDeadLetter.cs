using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using ServerlessInventory.Core.Application;

namespace ServerlessInventory.Functions.Ops;

/// <summary>
/// <c>POST /api/ops/deadletters/{messageId}/replay</c>: applies a dead-lettered event now; it leaves the list once applied.
/// The message id is the event's key, <c>{source}:{id}</c> (EventKey), as the dead-letter listing shows it.
/// </summary>
public sealed class ReplayDeadLetter(ReplayDeadLetterHandler handler)
{
    [Function(nameof(ReplayDeadLetter))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "ops/deadletters/{messageId}/replay")] HttpRequest request,
        string messageId,
        CancellationToken cancellationToken) =>
        OpsReplay.ToActionResult(await handler.HandleAsync(messageId, cancellationToken).ConfigureAwait(false), messageId);
}
