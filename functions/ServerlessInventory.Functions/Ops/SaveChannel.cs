using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Net.Http.Headers;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;
using ServerlessInventory.Functions.Http;

namespace ServerlessInventory.Functions.Ops;

/// <summary>
/// <c>PUT /api/ops/channels/{channel}</c>: registers a channel (no <c>If-Match</c>; 201) or replaces it (<c>If-Match</c>
/// with the ETag from GET; 200). Optimistic concurrency instead of last-writer-wins, so two ops editing the same
/// channel never silently undo each other: a stale tag is 412; a create (no precondition sent) of a channel that exists
/// is 409. The catalog
/// picks the edit up within <c>ChannelRegistry:CacheDuration</c>.
/// </summary>
public sealed class SaveChannel(IChannelRegistry registry)
{
    [Function(nameof(SaveChannel))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Admin, "put", Route = "ops/channels/{channel}")] HttpRequest request,
        string channel,
        CancellationToken cancellationToken)
        => ApiResults.ValidatedAsync(async () =>
        {
            var id = new ChannelId(channel);
            var ifMatch = ChannelETag.Parse(request.Headers[HeaderNames.IfMatch].ToString());
            if (ifMatch.Kind == IfMatchKind.Malformed)
            {
                return ChannelETag.MalformedIfMatch();
            }
            var body = await RequestBody.ReadJsonAsync<ChannelRequest>(request, cancellationToken).ConfigureAwait(false);
            var token = ifMatch.Kind == IfMatchKind.Any
                ? (await registry.GetAsync(id, cancellationToken).ConfigureAwait(false))?.ConcurrencyToken
                : ifMatch.Token;
            if (ifMatch.Kind == IfMatchKind.Any && token is null)
            {
                return ChannelETag.PreconditionFailed($"channel '{id}' is not registered; send no If-Match to create it");
            }
            var registration = body.ToRegistration(id, token);
            var saved = await registry.UpsertAsync(registration, cancellationToken).ConfigureAwait(false);
            return saved.Outcome switch
            {
                ChannelSaveOutcome.Created => ChannelETag.With(ApiResults.Json(StatusCodes.Status201Created, ChannelBody.From(registration)), saved.ConcurrencyToken),
                ChannelSaveOutcome.Updated => ChannelETag.With(ApiResults.Json(StatusCodes.Status200OK, ChannelBody.From(registration)), saved.ConcurrencyToken),
                _ when ifMatch.Kind == IfMatchKind.Absent => ApiResults.Problem(StatusCodes.Status409Conflict, "The channel already exists.", HeaderNames.IfMatch,
                    $"channel '{id}' already exists; send If-Match with the ETag from GET to replace it"),
                _ => ChannelETag.PreconditionFailed($"channel '{id}' was changed or removed since that ETag was read; GET it again and redo the edit"),
            };
        });
}
