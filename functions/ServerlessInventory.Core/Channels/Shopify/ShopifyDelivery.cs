using System.Globalization;
using System.Text.RegularExpressions;

namespace ServerlessInventory.Core.Channels.Shopify;

/// <summary>
/// What Shopify says about one webhook delivery in its headers. <see cref="WebhookId"/> is the same on every retry of a
/// delivery (Shopify retries for hours), so it is the event identity, with the channel as the source.
/// </summary>
public sealed partial record ShopifyDelivery(string? Topic, string? WebhookId, string? ShopDomain, string? ApiVersion, DateTimeOffset? TriggeredAt)
{
    public const string TopicHeader = "X-Shopify-Topic";
    public const string WebhookIdHeader = "X-Shopify-Webhook-Id";
    public const string ShopDomainHeader = "X-Shopify-Shop-Domain";
    public const string ApiVersionHeader = "X-Shopify-API-Version";
    public const string TriggeredAtHeader = "X-Shopify-Triggered-At";

    public static ShopifyDelivery FromHeaders(Func<string, string?> header) => new(
        Blank(header(TopicHeader)),
        Blank(header(WebhookIdHeader)),
        Blank(header(ShopDomainHeader)),
        Blank(header(ApiVersionHeader)),
        ParseTriggeredAt(header(TriggeredAtHeader)));

    /// <summary>Shopify writes nanoseconds (<c>2026-03-29T18:00:27.877041743Z</c>); .NET reads at most 7 fractional digits.</summary>
    private static DateTimeOffset? ParseTriggeredAt(string? text) =>
        text is not null && DateTimeOffset.TryParse(Nanoseconds().Replace(text, "$1"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;

    [GeneratedRegex(@"(\.\d{7})\d+")]
    private static partial Regex Nanoseconds();

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
