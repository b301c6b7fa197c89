using System.Globalization;
using System.Text.Json;

namespace ServerlessInventory.Core.Channels.Shopify;

/// <summary>
/// Reads the members of a Shopify payload that ingestion needs, naming the member (<c>line_items[1].quantity</c>) when
/// one is missing or of the wrong kind. Shopify's ids are JSON numbers beyond 2^53, so they are read as integers and
/// kept as decimal strings, the form the channel's mapping uses.
/// </summary>
internal readonly record struct ShopifyPayload(JsonElement Element, string Path)
{
    public ShopifyPayload Object(string name) =>
        Element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? new ShopifyPayload(value, Name(name))
            : throw new ShopifyPayloadException(Name(name), "must be a JSON object");

    public IEnumerable<ShopifyPayload> Array(string name)
    {
        if (!Element.TryGetProperty(name, out var value) || value.ValueKind is JsonValueKind.Null)
        {
            return [];
        }
        var path = Name(name);
        return value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select((item, i) => item.ValueKind == JsonValueKind.Object
                ? new ShopifyPayload(item, $"{path}[{i}]")
                : throw new ShopifyPayloadException($"{path}[{i}]", "must be a JSON object"))
            : throw new ShopifyPayloadException(path, "must be an array");
    }

    /// <summary>A required id, as its decimal string.</summary>
    public string Id(string name) => OptionalId(name) ?? throw new ShopifyPayloadException(Name(name), "is required");

    /// <summary>An id that may be absent or null (an online order has no <c>location_id</c>).</summary>
    public string? OptionalId(string name)
    {
        if (!Element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var id) && id > 0
            ? id.ToString(CultureInfo.InvariantCulture)
            : throw new ShopifyPayloadException(Name(name), "must be a positive integer id");
    }

    public int? OptionalInt(string name)
    {
        if (!Element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
            ? number
            : throw new ShopifyPayloadException(Name(name), "must be an integer");
    }

    public int Int(string name) => OptionalInt(name) ?? throw new ShopifyPayloadException(Name(name), "is required");

    public string? OptionalString(string name) =>
        Element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    public bool Flag(string name) => Element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    /// <summary>A timestamp as Shopify writes it (ISO 8601 with an offset), or null when absent.</summary>
    public DateTimeOffset? OptionalTime(string name)
    {
        if (OptionalString(name) is not { } text)
        {
            return null;
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : throw new ShopifyPayloadException(Name(name), "must be an ISO 8601 timestamp");
    }

    public string Name(string member) => Path.Length == 0 ? member : $"{Path}.{member}";
}

/// <summary>A payload of a handled topic that does not have the shape Shopify documents: the whole delivery is parked.</summary>
internal sealed class ShopifyPayloadException(string field, string reason) : Exception($"{field}: {reason}")
{
    public string Field { get; } = field;

    public string Reason { get; } = reason;
}
