using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using ServerlessInventory.Core.Application;

namespace ServerlessInventory.Functions.Http;

/// <summary>
/// <c>POST /api/webhooks/{channel}</c>: a channel's events. Anonymous at the platform because every request is
/// authenticated by the channel's HMAC signature instead. The headers go to the handler as they came (a Shopify channel's
/// <c>X-Shopify-Topic</c>, <c>X-Shopify-Webhook-Id</c>, ... are read there).
/// </summary>
public sealed class IngestWebhook(IngestWebhookHandler handler, IOptions<WebhookOptions> options)
{
    [Function(nameof(IngestWebhook))]
    [EndpointSummary("A channel's events: canonical CloudEvents JSON (one or a batch), or Shopify's own webhooks for a Shopify channel.")]
    [EndpointDescription(
        "Generic channel: CloudEvents JSON, signed X-Signature: sha256=<hex HMAC-SHA256 of the raw body with the channel secret>. " +
        "202 {accepted:[ids], duplicates:[ids], parked:[{id, reason}]}; 400 problem+json naming the field (a single bad event); " +
        "401 bad signature; 404 unknown channel; 413 too large; 503 the events could not be queued (send again). " +
        "Shopify channel (format Shopify, Admin API 2026-04 payloads): signed X-Shopify-Hmac-Sha256 (base64 HMAC-SHA256 of the raw " +
        "body with the app's client secret), with X-Shopify-Topic, X-Shopify-Webhook-Id (the event identity: a retry with the same " +
        "id is a duplicate), X-Shopify-Shop-Domain, X-Shopify-API-Version and X-Shopify-Triggered-At. Topics inventory_levels/update " +
        "(inventory.level.reported), orders/create (inventory.order.placed per line), orders/cancelled, fulfillments/create and " +
        "refunds/create (restock_type return or cancel) answer 202 as above, event ids {webhook id}:{line id} for per-line events; " +
        "a line or payload that cannot be mapped or read is parked with its reason, never 400. Any other topic: 200 with empty " +
        "lists, nothing applied.")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/{channel}")] HttpRequest request,
        string channel,
        CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadBytesAsync(request, options.Value.MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return ApiResults.Problem(StatusCodes.Status413PayloadTooLarge, "The request body is too large.", "body", $"at most {options.Value.MaxBodyBytes} bytes");
        }
        var result = await handler.HandleAsync(new WebhookRequest(channel, body, name => request.Headers[name].FirstOrDefault()), cancellationToken).ConfigureAwait(false);
        return result switch
        {
            WebhookResult.Accepted accepted => ApiResults.Json(StatusCodes.Status202Accepted, new WebhookAccepted(accepted.AcceptedIds, accepted.Duplicates, accepted.Parked)),
            WebhookResult.Ignored => ApiResults.Json(StatusCodes.Status200OK, new WebhookAccepted([], [], [])),
            WebhookResult.UnknownChannel unknown => ApiResults.NotFound($"channel '{unknown.Channel}' is not configured"),
            WebhookResult.Unauthorized => ApiResults.Problem(StatusCodes.Status401Unauthorized, "The signature is missing or does not match."),
            WebhookResult.TooLarge tooLarge => ApiResults.Problem(StatusCodes.Status413PayloadTooLarge, "The request is too large.", "body", tooLarge.Reason),
            WebhookResult.Unavailable => ApiResults.Problem(StatusCodes.Status503ServiceUnavailable, "The events could not be queued; send the request again."),
            WebhookResult.Malformed malformed => ApiResults.BadRequest(malformed.Field, malformed.Reason),
            _ => throw new InvalidOperationException($"unhandled webhook result {result}"),
        };
    }
}

/// <summary>
/// 202 body of DESIGN §3, listing the channel's own event ids. An event's identity is its source (the channel) and its
/// id, so a duplicate is an id this channel already sent; another channel's event with the same id is its own event.
/// </summary>
public sealed record WebhookAccepted(IReadOnlyList<string> Accepted, IReadOnlyList<string> Duplicates, IReadOnlyList<ParkedSummary> Parked);
