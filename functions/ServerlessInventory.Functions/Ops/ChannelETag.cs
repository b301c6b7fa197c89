using System.Buffers.Text;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace ServerlessInventory.Functions.Ops;

/// <summary>What an <c>If-Match</c> header asks of a channel edit.</summary>
public enum IfMatchKind
{
    /// <summary>No header: create the channel, refusing if it exists.</summary>
    Absent,

    /// <summary><c>*</c>: replace the channel as it is now, whatever it is, if it exists.</summary>
    Any,

    /// <summary>One strong entity tag from a GET: replace the channel only if it is still as that read saw it.</summary>
    Tag,

    /// <summary>Anything else (a list, a weak tag, a tag this API never gave): refused, naming the header.</summary>
    Malformed,
}

public readonly record struct IfMatch(IfMatchKind Kind, string? Token = null);

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
    /// <summary>The 400 of a channel write whose If-Match this API never gave.</summary>
    public static ObjectResult MalformedIfMatch() =>
        Http.ApiResults.BadRequest(HeaderNames.IfMatch, "must be * or the one ETag a GET of this channel answered");

    /// <summary>The 412 of a channel write whose precondition no longer holds.</summary>
    public static ObjectResult PreconditionFailed(string detail) =>
        Http.ApiResults.Problem(Microsoft.AspNetCore.Http.StatusCodes.Status412PreconditionFailed, "The channel is not as the request expects.", HeaderNames.IfMatch, detail);

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
