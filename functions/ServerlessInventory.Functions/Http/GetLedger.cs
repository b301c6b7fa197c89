using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using ServerlessInventory.Core.Application;
using ServerlessInventory.Core.Domain;

namespace ServerlessInventory.Functions.Http;

/// <summary><c>GET /api/inventory/{sku}/ledger?pageSize=50&amp;continuation=</c>: the applied events, newest first.</summary>
public sealed class GetLedger(QueryLedgerHandler handler)
{
    [Function(nameof(GetLedger))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "inventory/{sku}/ledger")] HttpRequest request,
        string sku,
        CancellationToken cancellationToken)
        => ApiResults.ValidatedAsync(async () =>
        {
            Query.AllowOnly(request, "pageSize", "continuation");
            var page = await handler.HandleAsync(new Sku(sku), Query.PageSize(request), request.Query["continuation"].FirstOrDefault(), cancellationToken).ConfigureAwait(false);
            return ApiResults.Json(StatusCodes.Status200OK, new PageBody<LedgerEntryBody>([.. page.Entries.Select(LedgerEntryBody.From)], page.Continuation));
        });
}
