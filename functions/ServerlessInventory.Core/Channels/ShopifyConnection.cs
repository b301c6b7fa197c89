using System.Text.RegularExpressions;
using ServerlessInventory.Core.Domain;

namespace ServerlessInventory.Core.Channels;

/// <summary>
/// Where a Shopify channel's availability is written through the Admin GraphQL API: the shop, its Admin API access
/// token (a secret: from app settings or Key Vault, never logged, never in the registry), and the one Shopify location
/// its pooled availability is set at. <see cref="Endpoint"/> is Shopify's unless overridden (a simulator in tests).
/// </summary>
public sealed partial record ShopifyConnection
{
    /// <summary>The Admin API version every call names: the first where <c>changeFromQuantity</c> and <c>@idempotent</c> are required.</summary>
    public const string ApiVersion = "2026-04";

    private const string UnresolvedKeyVaultReference = "@Microsoft.KeyVault(";

    public ShopifyConnection(string shopDomain, string accessToken, string locationId, Uri? endpoint = null)
    {
        ShopDomain = ShopDomainPattern().IsMatch(shopDomain ?? "") ? shopDomain! : throw new DomainValidationException("shopDomain", "must be the shop's {name}.myshopify.com");
        AccessToken = string.IsNullOrWhiteSpace(accessToken) ? throw new DomainValidationException("accessToken", "is required") : accessToken;
        LocationId = ValidId(locationId, "shopifyLocationId");
        Endpoint = endpoint is null ? new Uri($"https://{ShopDomain}/admin/api/{ApiVersion}/graphql.json")
            : Guard.IsHttpsOrLoopback(endpoint) ? endpoint
            : throw new DomainValidationException("shopifyEndpoint", "must be an absolute https URL (http only to a loopback host)");
    }

    public string ShopDomain { get; }

    public string AccessToken { get; }

    /// <summary>The Shopify location id (decimal, as in <c>gid://shopify/Location/{id}</c>).</summary>
    public string LocationId { get; }

    public Uri Endpoint { get; }

    /// <summary>
    /// The connection a Shopify channel's settings describe, or null when it has none (no shop domain, or a token that
    /// is missing or an unresolved Key Vault reference: its pushes are then log lines). The location is
    /// <paramref name="locationId"/> when set, else the one Shopify location the channel maps; a channel mapping several
    /// must name the one its pooled availability goes to.
    /// </summary>
    public static ShopifyConnection? From(string? shopDomain, string? accessToken, string? locationId, Uri? endpoint, IEnumerable<string> mappedLocations)
    {
        if (string.IsNullOrEmpty(shopDomain))
        {
            return null;
        }
        var location = locationId ?? (mappedLocations.ToList() is [var only] ? only
            : throw new DomainValidationException("shopifyLocationId", "is required unless the channel's locationMap has exactly one Shopify location"));
        ValidId(location, "shopifyLocationId");
        if (string.IsNullOrWhiteSpace(accessToken) || accessToken.StartsWith(UnresolvedKeyVaultReference, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        return new ShopifyConnection(shopDomain, accessToken, location, endpoint);
    }

    /// <summary>A Shopify id as the channel's mappings hold it: decimal digits, the tail of its GID.</summary>
    public static string ValidId(string? id, string field) =>
        id is { Length: > 0 and <= 20 } && id.All(char.IsAsciiDigit) ? id : throw new DomainValidationException(field, "must be a Shopify id: decimal digits");

    /// <summary>Never print the token.</summary>
    public override string ToString() => $"{ShopDomain} (location {LocationId}, {Endpoint})";

    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]*\.myshopify\.com$")]
    private static partial Regex ShopDomainPattern();
}
