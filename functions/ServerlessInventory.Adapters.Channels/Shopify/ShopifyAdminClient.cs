using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessInventory.Core.Channels;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Adapters.Channels.Shopify;

/// <summary>Shopify answered with GraphQL errors other than throttling: the call itself is wrong and would fail again.</summary>
public sealed class ShopifyApiException(string message) : Exception(message)
{
    public ShopifyApiException() : this("Shopify refused the call")
    {
    }

    public ShopifyApiException(string message, Exception inner) : this(message + ": " + inner.Message)
    {
    }
}

/// <summary>
/// Calls a shop's Admin GraphQL endpoint (<c>POST {endpoint}</c>, <c>X-Shopify-Access-Token</c>) within its cost
/// bucket (<see cref="ShopifyCostLimiter"/>): every answer's <c>extensions.cost.throttleStatus</c> is observed, and a
/// <c>THROTTLED</c> answer waits for the bucket to refill to the call's cost and sends it again. A shop that cannot be
/// reached, times out, or answers 429 or 5xx is <see cref="ChannelUnavailableException"/> (with its
/// <c>Retry-After</c>); another refusal is an <see cref="HttpRequestException"/> or <see cref="ShopifyApiException"/>.
/// </summary>
public sealed partial class ShopifyAdminClient(
    IHttpClientFactory httpClients,
    ShopifyCostLimiter limiter,
    IOptions<ChannelPushOptions> options,
    TimeProvider timeProvider,
    ILogger<ShopifyAdminClient> logger)
{
    public const string HttpClientName = "shopify-admin";

    public const string AccessTokenHeader = "X-Shopify-Access-Token";

    private long _throttled;

    /// <summary>Answers that said <c>THROTTLED</c>, since start.</summary>
    public long ThrottledAnswers => Interlocked.Read(ref _throttled);

    /// <summary>The operation's <c>data</c>, after as many waits for the bucket as its <c>THROTTLED</c> answers ask.</summary>
    public async Task<JsonObject> QueryAsync(ChannelId channel, ShopifyConnection shop, string query, JsonObject variables, double cost, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["query"] = query, ["variables"] = variables });
        using var lease = await limiter.AcquireAsync(shop.ShopDomain, cancellationToken).ConfigureAwait(false);
        while (true)
        {
            await lease.WaitForAsync(cost, cancellationToken).ConfigureAwait(false);
            var answer = await PostAsync(channel, shop, body, cancellationToken).ConfigureAwait(false);
            if (answer["extensions"]?["cost"] is JsonObject spent)
            {
                if (ReadThrottleStatus(spent) is { } status)
                {
                    lease.Observe(status);
                }
                // What Shopify asked before running it is what the bucket must hold next time.
                if (spent["requestedQueryCost"] is JsonValue requested && requested.TryGetValue(out double asked))
                {
                    cost = asked;
                }
            }
            var errors = answer["errors"] as JsonArray;
            if (errors is { Count: > 0 } && errors.All(e => e?["extensions"]?["code"]?.GetValue<string>() == "THROTTLED"))
            {
                Interlocked.Increment(ref _throttled);
                LogThrottled(logger, channel, shop.ShopDomain);
                continue;
            }
            if (errors is { Count: > 0 })
            {
                throw new ShopifyApiException($"Shopify refused the call to {shop.ShopDomain}: {string.Join("; ", errors.Select(e => e?["message"]?.GetValue<string>()))}");
            }
            return answer["data"] as JsonObject ?? throw new ShopifyApiException($"Shopify answered {shop.ShopDomain} without data");
        }
    }

    private async Task<JsonObject> PostAsync(ChannelId channel, ShopifyConnection shop, byte[] body, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(options.Value.AttemptTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var request = new HttpRequestMessage(HttpMethod.Post, shop.Endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(AccessTokenHeader, shop.AccessToken);
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, linked.Token).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500)
            {
                var retryAfter = ChannelRetryAfterException.Of(response, timeProvider, options.Value.MaxRetryAfter);
                throw new ChannelUnavailableException(channel, retryAfter, new HttpRequestException($"Shopify answered {(int)response.StatusCode}", null, response.StatusCode));
            }
            response.EnsureSuccessStatusCode();
            return await JsonNode.ParseAsync(await response.Content.ReadAsStreamAsync(linked.Token).ConfigureAwait(false), cancellationToken: linked.Token).ConfigureAwait(false) as JsonObject
                ?? throw new ShopifyApiException($"Shopify's answer from {shop.ShopDomain} is not a JSON object");
        }
        catch (OperationCanceledException timedOut) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ChannelUnavailableException(channel, null, timedOut);
        }
        catch (HttpRequestException unreachable) when (unreachable.StatusCode is null)
        {
            throw new ChannelUnavailableException(channel, null, unreachable);
        }
    }

    private static ThrottleStatus? ReadThrottleStatus(JsonObject cost) =>
        cost["throttleStatus"] is JsonObject status
        && Number(status["maximumAvailable"]) is { } maximum && Number(status["currentlyAvailable"]) is { } current && Number(status["restoreRate"]) is { } rate
            ? new ThrottleStatus(maximum, current, rate)
            : null;

    private static double? Number(JsonNode? node) =>
        node is JsonValue value && (value.TryGetValue(out double number) || double.TryParse(value.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number)) ? number : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Shopify throttled {Channel} ({Shop}): waiting for its bucket to refill to the call's cost")]
    private static partial void LogThrottled(ILogger logger, ChannelId channel, string shop);
}
