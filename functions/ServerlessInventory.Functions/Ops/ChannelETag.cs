using System.Buffers.Text;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using ServerlessInventory.Core.Operations;

namespace ServerlessInventory.Functions.Ops;

/// <summary>
/// The registry's concurrency token as an HTTP entity tag. The token is opaque and may itself hold quotes (a Table
/// storage ETag does), which an entity tag cannot, so it travels base64url-encoded inside the quotes.
/// </summary>
public static class ChannelETag
{
    public static string Format(string token) => $"\"{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(token))}\"";

    public static IfMatch Parse(string? header)
    {
        var value = header?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return new IfMatch(IfMatchKind.Absent);
        }
        if (value == "*")
        {
            return new IfMatch(IfMatchKind.Any);
        }
        if (value.Length < 3 || value[0] != '"' || value[^1] != '"')
        {
            return new IfMatch(IfMatchKind.Malformed);
        }
        var encoded = value[1..^1];
        if (!Base64Url.IsValid(encoded))
        {
            return new IfMatch(IfMatchKind.Malformed);
        }
        try
        {
            return new IfMatch(IfMatchKind.Tag, new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Base64Url.DecodeFromChars(encoded)));
        }
        catch (DecoderFallbackException)
        {
            return new IfMatch(IfMatchKind.Malformed);
        }
    }

    /// <summary>Answers <paramref name="result"/> with the channel's ETag header, as every read and write of one channel does.</summary>
    public static IActionResult With(IActionResult result, string? token) => token is null ? result : new ETagResult(result, Format(token));

    private sealed class ETagResult(IActionResult inner, string etag) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context)
        {
            context.HttpContext.Response.Headers[HeaderNames.ETag] = etag;
            return inner.ExecuteResultAsync(context);
        }
    }
}
