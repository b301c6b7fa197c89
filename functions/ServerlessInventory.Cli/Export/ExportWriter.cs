using System.Globalization;
using System.Text.Json;
using ServerlessInventory.Core.Application;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Serialization;

namespace ServerlessInventory.Cli.Export;

/// <summary>Writes export records as CSV (with a header) or JSON lines, one record per line, as they come.</summary>
internal sealed class ExportWriter(TextWriter output, ExportFormat format)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Header(ExportKind kind)
    {
        if (format != ExportFormat.Csv)
        {
            return;
        }
        output.WriteLine(kind switch
        {
            ExportKind.Positions => "sku,location,onHand,unsellable,committed,reserved,safetyStock,incoming,availableToSell",
            ExportKind.Availability => "sku,channel,available",
            _ => "sku,version,eventId,type,source,time,appliedAt,flags",
        });
    }

    public void Positions(InventoryReport report)
    {
        foreach (var p in report.Locations)
        {
            if (format == ExportFormat.Csv)
            {
                output.WriteLine(Csv(report.Sku.Value, p.Location.Value, p.OnHand, p.Unsellable, p.Committed, p.Reserved, p.SafetyStock, p.Incoming, p.AvailableToSell));
            }
            else
            {
                output.WriteLine(JsonSerializer.Serialize(new
                {
                    sku = report.Sku.Value, location = p.Location.Value, p.OnHand, p.Unsellable, p.Committed, p.Reserved, p.SafetyStock, p.Incoming, p.AvailableToSell,
                }, Json));
            }
        }
    }

    public void Availability(InventoryReport report)
    {
        foreach (var c in report.Channels)
        {
            output.WriteLine(format == ExportFormat.Csv
                ? Csv(report.Sku.Value, c.Channel.Value, c.Available)
                : JsonSerializer.Serialize(new { sku = report.Sku.Value, channel = c.Channel.Value, available = c.Available }, Json));
        }
    }

    public void Ledger(LedgerEntry entry) =>
        output.WriteLine(format == ExportFormat.Csv
            ? Csv(entry.Sku.Value, entry.Version, entry.EventId.Value, entry.Event.Type, entry.Event.Source.Value,
                entry.Event.Time.ToString("O", CultureInfo.InvariantCulture), entry.AppliedAt.ToString("O", CultureInfo.InvariantCulture), string.Join(';', entry.Flags))
            : LedgerEntryJson.Serialize(entry));

    private static string Csv(params object[] values) =>
        string.Join(',', values.Select(v => Quote(Convert.ToString(v, CultureInfo.InvariantCulture) ?? "")));

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
