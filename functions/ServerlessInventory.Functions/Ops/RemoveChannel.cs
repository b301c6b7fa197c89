using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Net.Http.Headers;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;
using ServerlessInventory.Functions.Http;

namespace ServerlessInventory.Functions.Ops;

/// <summary>
/// <c>DELETE /api/ops/channels/{channel}</c>: removes the registration and its mappings; with <c>If-Match</c> (the ETag
/// from GET) only if nobody edited it since (else 412), as a PUT. A channel that is also configured falls back to its
/// configuration once the catalog cache expires (<c>ChannelRegistry:CacheDuration</c>).
/// </summary>
public sealed class RemoveChannel(IChannelRegistry registry)
{
    [Function(nameof(RemoveChannel))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Admin, "delete", Route = "ops/channels/{channel}")] HttpRequest request,
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
            var outcome = await registry.RemoveAsync(id, ifMatch.Kind == IfMatchKind.Tag ? ifMatch.Token : null, cancellationToken).ConfigureAwait(false);
            return outcome switch
            {
                ChannelRemoveOutcome.Removed => new StatusCodeResult(StatusCodes.Status204NoContent),
                ChannelRemoveOutcome.NotRegistered when ifMatch.Kind == IfMatchKind.Absent => ApiResults.NotFound($"channel '{id}' is not registered"),
                _ => ChannelETag.PreconditionFailed($"channel '{id}' was changed or removed since that ETag was read; GET it again"),
            };
        });
}
