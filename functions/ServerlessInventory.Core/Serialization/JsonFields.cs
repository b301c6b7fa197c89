using System.Text.Json;
using ServerlessInventory.Core.Domain;

namespace ServerlessInventory.Core.Serialization;

/// <summary>Reads typed fields of one JSON object, naming the field by its path when one is missing or wrong.</summary>
internal readonly struct JsonFields(JsonElement element, string prefix)
{
    public string String(string name) => OptionalString(name) ?? throw Missing(name);

    public string? OptionalString(string name) => Property(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        _ => throw Wrong(name, "must be a string"),
    };

    public int Int(string name) => Property(name) switch
    {
        null => throw Missing(name),
        { ValueKind: JsonValueKind.Number } value when value.TryGetInt32(out var number) => number,
        _ => throw Wrong(name, "must be an integer"),
    };

    public DateTimeOffset Time(string name) => Property(name) switch
    {
        null => throw Missing(name),
        { ValueKind: JsonValueKind.String } value when value.TryGetDateTimeOffset(out var time) => time,
        _ => throw Wrong(name, "must be an RFC 3339 timestamp"),
    };

    public Sku Sku(string name = "sku") => new(String(name), Path(name));

    public LocationId Location(string name = "location") => new(String(name), Path(name));

    public ChannelId Channel(string name) => new(String(name), Path(name));

    public string Path(string name) => prefix + name;

    private JsonElement? Property(string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private DomainValidationException Missing(string name) => new(Path(name), "is required");

    private DomainValidationException Wrong(string name, string reason) => new(Path(name), reason);
}
