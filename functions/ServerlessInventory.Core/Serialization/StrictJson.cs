using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServerlessInventory.Core.Serialization;

/// <summary>
/// The one JSON policy for everything a client sends: webhook bodies, the events in them, and the bodies of the
/// reservation and ops routes. A number is a JSON number (never a string holding one), a member name appears once,
/// and nothing outside RFC 8259 is tolerated (trailing commas, comments). Lenient parsing would let one entry point
/// accept what another refuses, so a value would mean one thing at the webhook and another at the API.
/// </summary>
public static class StrictJson
{
    /// <summary>For documents read as a whole (webhook bodies, events, parked payloads).</summary>
    public static JsonDocumentOptions DocumentOptions { get; } = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowDuplicateProperties = false,
    };

    /// <summary>
    /// For typed request bodies: camelCase names matched exactly (as the event codec matches them), members a body
    /// does not define refused rather than silently dropped (a type with extension data still collects them itself).
    /// </summary>
    public static JsonSerializerOptions SerializerOptions { get; } = Create();

    /// <summary>Parses <paramref name="json"/> under the policy; a breach is a <see cref="JsonException"/> as any malformed JSON is.</summary>
    public static JsonDocument Parse(ReadOnlyMemory<byte> json) => JsonDocument.Parse(json, DocumentOptions);

    /// <inheritdoc cref="Parse(ReadOnlyMemory{byte})"/>
    public static JsonDocument Parse(string json) => JsonDocument.Parse(json, DocumentOptions);

    /// <summary>
    /// The member a typed body got wrong and why, from the serializer's exception: the member by its path without
    /// the leading <c>$.</c>, or <c>body</c> when the fault is in the text itself.
    /// </summary>
    public static (string Field, string Reason) Describe(JsonException invalid)
    {
        var field = string.IsNullOrEmpty(invalid.Path) || invalid.Path == "$" ? "body" : invalid.Path.TrimStart('$', '.');
        var message = invalid.Message;
        var reason = message switch
        {
            _ when message.Contains("Duplicate propert", StringComparison.Ordinal) => "appears more than once",
            _ when message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal) => "is not a member of this request",
            _ when field != "body" => "has the wrong JSON type (numbers are JSON numbers, never strings)",
            _ => $"is not valid JSON: {FirstSentence(message)}",
        };
        return (field, reason);
    }

    private static string FirstSentence(string message) => message.Split(" Path:", 2)[0];

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            NumberHandling = JsonNumberHandling.Strict,
            PropertyNameCaseInsensitive = false,
            AllowTrailingCommas = false,
            ReadCommentHandling = JsonCommentHandling.Disallow,
            AllowDuplicateProperties = false,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
