using ServerlessInventory.Core.Domain;

namespace ServerlessInventory.Core.Channels;

/// <summary>The payload a channel's webhook sends.</summary>
public enum WebhookFormat
{
    /// <summary>Canonical CloudEvents JSON, one event or a batch array, signed <c>X-Signature: sha256=&lt;hex&gt;</c>.</summary>
    CloudEvents,

    /// <summary>Shopify's own payloads, signed <c>X-Shopify-Hmac-Sha256</c> (base64).</summary>
    Shopify,
}

/// <summary>
/// How a channel talks to the master: the secret its webhooks are signed with (and its pushes are signed with),
/// where availability is pushed, and how its SKUs, locations and units map to master ones.
/// </summary>
public sealed record ChannelConnection(ChannelId Channel, WebhookFormat Format, string? Secret, Uri? PushUrl, ChannelMapping Mapping)
{
    /// <summary>
    /// The secret, unless it is a Key Vault reference the platform could not resolve: App Service then hands the app
    /// the reference text itself (<c>@Microsoft.KeyVault(...)</c>), which anyone can guess, so it must never become a
    /// signing key. Such a channel has no secret until the vault holds one.
    /// </summary>
    public string? Secret { get; init; } = Secret is { } text && text.StartsWith(UnresolvedKeyVaultReference, StringComparison.OrdinalIgnoreCase) ? null : Secret;

    /// <summary>
    /// Where the channel answers what it shows (a signed GET, paged), for a channel that does not send
    /// <c>inventory.level.reported</c> events; null for one that does. Configured in the catalog or registered.
    /// </summary>
    public Uri? LevelsUrl { get; init; }

    /// <summary>For a Shopify channel with a shop and token configured: where its availability is set; null otherwise.</summary>
    public ShopifyConnection? Shopify { get; init; }

    /// <summary>A channel without a secret cannot send webhooks: every request to it is unauthorized.</summary>
    public bool AcceptsWebhooks => !string.IsNullOrEmpty(Secret);

    private const string UnresolvedKeyVaultReference = "@Microsoft.KeyVault(";

    /// <summary>A push URL as configured or registered: it carries the channel's signed availability (<see cref="Guard.IsHttpsOrLoopback"/>).</summary>
    public static Uri? ValidPushUrl(Uri? url) => url is null || Guard.IsHttpsOrLoopback(url)
        ? url
        : throw new DomainValidationException("pushUrl", "must be an absolute https URL (http only to a loopback host)");

    /// <summary>A levels URL as configured or registered: the channel's signed query goes there (<see cref="Guard.IsHttpsOrLoopback"/>).</summary>
    public static Uri? ValidLevelsUrl(Uri? url) => url is null || Guard.IsHttpsOrLoopback(url)
        ? url
        : throw new DomainValidationException("levelsUrl", "must be an absolute https URL (http only to a loopback host)");

    /// <summary>Never print the secret: records print every property otherwise.</summary>
    public override string ToString() => $"{Channel} ({Format}, push {(Shopify is not null ? "Shopify " + Shopify : PushUrl is null ? "log" : PushUrl.ToString())})";
}

/// <summary>One external SKU as a channel names it: the master SKU and how many master units one of its units is (a case of 12).</summary>
public sealed record SkuMapping(Sku Sku, int UnitFactor)
{
    public int UnitFactor { get; } = Guard.Positive(UnitFactor, "unitFactor");
}
