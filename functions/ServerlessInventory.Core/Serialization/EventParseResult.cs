using ServerlessInventory.Core.Events;

namespace ServerlessInventory.Core.Serialization;

/// <summary>An event read from JSON, or why it could not be: the field at fault and the reason.</summary>
public sealed record EventParseResult
{
    private EventParseResult(InventoryEvent? evt, string? id, string? field, string? reason)
    {
        Event = evt;
        Id = id;
        Field = field;
        Reason = reason;
    }

    public InventoryEvent? Event { get; }

    /// <summary>The id the input carried, when it carried one: a parked event is listed under it.</summary>
    public string? Id { get; }

    /// <summary>JSON path of the offending field, such as <c>data.quantity</c>.</summary>
    public string? Field { get; }

    public string? Reason { get; }

    public bool IsValid => Event is not null;

    public static EventParseResult Valid(InventoryEvent evt) => new(evt, evt.Id.Value, null, null);

    public static EventParseResult Invalid(string? id, string field, string reason) => new(null, id, field, reason);
}
