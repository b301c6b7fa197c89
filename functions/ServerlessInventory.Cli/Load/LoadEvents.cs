using System.Globalization;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Events;

namespace ServerlessInventory.Cli.Load;

/// <summary>
/// The events a row becomes. Their ids are derived from the file's content hash and the row's line, so the same
/// file always produces the same ids: loading it again, or again after an interruption, finds them in the ledger.
/// </summary>
internal sealed class LoadEvents(string fileHash, DateTimeOffset countedAt)
{
    /// <summary>The source of every loaded event, as it appears in the ledger.</summary>
    public static readonly ChannelId Source = new("ops-load");

    private readonly string _prefix = $"ops-load-{fileHash[..16]}-";

    /// <summary>A count of onHand, then (when the row has unsellable units) those units put on hold as damaged.</summary>
    public IEnumerable<InventoryEvent> For(PositionRow row)
    {
        var id = _prefix + row.Line.ToString(CultureInfo.InvariantCulture);
        yield return new StockCounted(new EventId(id), Source, countedAt, row.Sku, row.Location, row.OnHand, countedAt);
        if (row.Unsellable > 0)
        {
            yield return new StockDamaged(new EventId(id + "-unsellable"), Source, countedAt, row.Sku, row.Location, row.Unsellable);
        }
    }

    /// <summary>The line an event of this load came from.</summary>
    public long LineOf(EventId id)
    {
        var rest = id.Value[_prefix.Length..];
        var dash = rest.IndexOf('-', StringComparison.Ordinal);
        return long.Parse(dash < 0 ? rest : rest[..dash], CultureInfo.InvariantCulture);
    }
}
