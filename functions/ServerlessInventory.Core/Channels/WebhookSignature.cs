using System.Security.Cryptography;
using System.Text;

namespace ServerlessInventory.Core.Channels;

/// <summary>
/// HMAC-SHA256 of the raw body with the channel's secret, compared in constant time so that a forger learns
/// nothing from how long a wrong guess takes.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-Signature";

    public const string ShopifyHeader = "X-Shopify-Hmac-Sha256";

    private const string Prefix = "sha256=";

    /// <summary>The header a channel of this format signs with.</summary>
    public static string HeaderFor(WebhookFormat format) => format == WebhookFormat.Shopify ? ShopifyHeader : Header;

    /// <summary><c>sha256=&lt;lower-case hex&gt;</c>, as generic channels send it and as pushes are signed.</summary>
    public static string Sign(string secret, ReadOnlySpan<byte> body) => Prefix + Convert.ToHexStringLower(Mac(secret, body));

    public static bool IsValid(WebhookFormat format, string secret, ReadOnlySpan<byte> body, string? header)
    {
        if (string.IsNullOrEmpty(header) || string.IsNullOrEmpty(secret))
        {
            return false;
        }
        var claimed = format == WebhookFormat.Shopify ? FromBase64(header) : FromPrefixedHex(header);
        return claimed is not null && CryptographicOperations.FixedTimeEquals(claimed, Mac(secret, body));
    }

    private static byte[] Mac(string secret, ReadOnlySpan<byte> body) => HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);

    private static byte[]? FromPrefixedHex(string header)
    {
        if (!header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || header.Length != Prefix.Length + (HMACSHA256.HashSizeInBytes * 2))
        {
            return null;
        }
        try
        {
            return Convert.FromHexString(header.AsSpan(Prefix.Length));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static byte[]? FromBase64(string header)
    {
        var buffer = new byte[HMACSHA256.HashSizeInBytes];
        return Convert.TryFromBase64String(header, buffer, out var written) && written == buffer.Length ? buffer : null;
    }
}
