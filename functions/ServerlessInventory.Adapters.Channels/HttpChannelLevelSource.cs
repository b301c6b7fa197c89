using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ServerlessInventory.Core.Channels;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Adapters.Channels;

/// <summary>
/// Asks a generic channel what it shows: <c>GET {LevelsUrl}</c> (then <c>?continuation=…</c> for each next page),
/// signed like its pushes with the channel's secret over the request's path and query
/// (<c>X-Signature: sha256=&lt;hex&gt;</c>), answered <c>{"items":[{"sku","location"?,"level","asOf"}],"continuation"?}</c>.
/// Each item goes through the channel's SKU, location and unit mapping, as its webhook events do; an item that cannot
/// be read or mapped is left out and logged, never guessed.
/// </summary>
public sealed partial class HttpChannelLevelSource(
    IHttpClientFactory httpClients,
    IInventoryCatalogSource catalogSource,
    ILogger<HttpChannelLevelSource> logger) : IChannelLevelSource
{
    public const string HttpClientName = "channel-levels";

    public const string ContinuationParameter = "continuation";

    public async Task<ChannelLevelsPage?> PullAsync(ChannelId channel, string? continuation, CancellationToken cancellationToken)
    {
        var catalog = await catalogSource.GetCatalogAsync(cancellationToken).ConfigureAwait(false);
        if (!catalog.TryGetConnection(channel, out var connection) || connection.LevelsUrl is not { } levelsUrl)
        {
            return null;
        }
        var url = continuation is null ? levelsUrl : WithContinuation(levelsUrl, continuation);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (connection.Secret is { Length: > 0 } secret)
        {
            request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(secret, Encoding.UTF8.GetBytes(url.PathAndQuery)));
        }
        using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var body = await JsonNode.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), cancellationToken: cancellationToken).ConfigureAwait(false) as JsonObject
            ?? throw new JsonException($"the levels of {channel} are not a JSON object");
        var levels = new List<ReportedLevel>();
        if (body["items"] is JsonArray items)
        {
            for (var i = 0; i < items.Count; i++)
            {
                if (Read(channel, connection.Mapping, items[i]) is { } level)
                {
                    levels.Add(level);
                }
                else
                {
                    LogUnreadable(logger, channel, i);
                }
            }
        }
        var next = body["continuation"] is JsonValue value && value.TryGetValue(out string? text) && text.Length > 0 ? text : null;
        return new ChannelLevelsPage(levels, next);
    }

    /// <summary>The item in master terms, or null when it is not a level this channel could mean.</summary>
    private static ReportedLevel? Read(ChannelId channel, ChannelMapping mapping, JsonNode? item)
    {
        if (item is not JsonObject fields
            || fields["sku"] is not JsonValue sku || !sku.TryGetValue(out string? _)
            || fields["level"] is not JsonValue level || !level.TryGetValue(out int _)
            || fields["asOf"] is not JsonValue asOf || !asOf.TryGetValue(out string? asOfText)
            || !DateTimeOffset.TryParse(asOfText, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time))
        {
            return null;
        }
        // The channel's own names and units, mapped by the one rule its webhook events go through.
        var data = new JsonObject { ["sku"] = sku.DeepClone(), ["quantity"] = level.DeepClone() };
        if (fields["location"] is JsonValue location)
        {
            data["location"] = location.DeepClone();
        }
        if (mapping.Apply(new JsonObject { ["data"] = data }) is not null)
        {
            return null;
        }
        try
        {
            var at = data["location"] is JsonValue mapped && mapped.TryGetValue(out string? name) ? new LocationId(name, "location") : (LocationId?)null;
            return new ReportedLevel(channel, new Sku(data["sku"]!.GetValue<string>(), "sku"), at, data["quantity"]!.GetValue<int>(), time);
        }
        catch (DomainValidationException)
        {
            return null;
        }
    }

    private static Uri WithContinuation(Uri levelsUrl, string continuation)
    {
        var builder = new UriBuilder(levelsUrl);
        var parameter = ContinuationParameter + "=" + Uri.EscapeDataString(continuation);
        builder.Query = string.IsNullOrEmpty(builder.Query) ? parameter : builder.Query.TrimStart('?') + "&" + parameter;
        return builder.Uri;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Item {Index} of a levels page from {Channel} is not a level it could mean (sku, level, asOf; mapped); it is left out")]
    private static partial void LogUnreadable(ILogger logger, ChannelId channel, int index);
}
