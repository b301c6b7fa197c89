using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Reconciliation;
using ServerlessInventory.Functions.Http;

namespace ServerlessInventory.Functions.Ops.Reconciliation;

/// <summary>
/// <c>POST /api/ops/reconciliation/runs</c> <c>{"channel"?}</c>: 202 with the run of that channel (or one per selling
/// channel), carried out in the background; 404 for a channel that does not sell.
/// </summary>
public sealed class StartReconciliation(ReconciliationRequests requests)
{
    private const int MaxBodyBytes = 4 * 1024;

    [Function(nameof(StartReconciliation))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "ops/reconciliation/runs")] HttpRequest request,
        CancellationToken cancellationToken)
        => ApiResults.ValidatedAsync(async () =>
        {
            var body = await RequestBody.ReadBytesAsync(request, MaxBodyBytes, cancellationToken).ConfigureAwait(false)
                ?? throw new DomainValidationException("body", $"must be at most {MaxBodyBytes} bytes");
            var channel = body.Length == 0 ? null : ReadChannel(body);
            var runs = await requests.RequestAsync(channel, cancellationToken).ConfigureAwait(false);
            return runs is null
                ? ApiResults.NotFound($"channel '{channel}' is not a selling channel")
                : ApiResults.Json(StatusCodes.Status202Accepted, new StartedRunsBody([.. runs.Select(r => new StartedRunBody(r.RunId, r.Channel.Value))]));
        });

    private static ChannelId? ReadChannel(byte[] body) =>
        RequestBody.ParseJson<StartRunsRequest>(body)?.Channel is { } channel ? new ChannelId(channel, "channel") : null;
}
