using System.Globalization;
using ServerlessInventory.Core.Domain;

namespace ServerlessInventory.Cli.Load;

/// <summary>
/// The positions file: a header naming <c>sku,location,onHand</c> and optionally <c>unsellable,safetyStock,incoming</c>
/// (any order, case-insensitive), then one position per line. Read as a stream, one line at a time.
/// </summary>
internal sealed class PositionsCsv
{
    private static readonly string[] Required = ["sku", "location", "onHand"];
    private static readonly string[] Optional = ["unsellable", "safetyStock", "incoming"];

    private readonly Dictionary<string, int> _columns;

    private PositionsCsv(Dictionary<string, int> columns) => _columns = columns;

    /// <summary>The columns of <paramref name="header"/>, or the errors that refuse it (line 1).</summary>
    public static (PositionsCsv? Csv, IReadOnlyList<RowError> Errors) FromHeader(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return (null, [new RowError(1, "header", "is required: sku,location,onHand[,unsellable,safetyStock,incoming]")]);
        }
        var errors = new List<RowError>();
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var names = Split(header);
        for (var i = 0; i < names.Length; i++)
        {
            var name = names[i].Trim();
            var known = Required.Concat(Optional).FirstOrDefault(c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                errors.Add(new RowError(1, name, "is not a column of a positions file (sku,location,onHand[,unsellable,safetyStock,incoming])"));
            }
            else if (!columns.TryAdd(known, i))
            {
                errors.Add(new RowError(1, known, "appears twice"));
            }
        }
        errors.AddRange(Required.Where(c => !columns.ContainsKey(c)).Select(c => new RowError(1, c, "column is required")));
        return errors.Count == 0 ? (new PositionsCsv(columns), []) : (null, errors);
    }

    /// <summary>The row at <paramref name="line"/>, or why it cannot be loaded.</summary>
    public (PositionRow? Row, RowError? Error) Parse(long line, string text)
    {
        var fields = Split(text);
        if (fields.Length != _columns.Count)
        {
            return (null, new RowError(line, "row", $"has {fields.Length} fields, the header {_columns.Count}"));
        }
        try
        {
            var sku = new Sku(fields[_columns["sku"]].Trim());
            var location = new LocationId(fields[_columns["location"]].Trim());
            var onHand = Quantity(line, fields, "onHand", required: true);
            var unsellable = Quantity(line, fields, "unsellable", required: false);
            // Safety stock is configuration (Catalog), and nothing but a transfer puts units in transit: neither is
            // a stock fact a load can record, so a value other than 0 is refused rather than silently dropped.
            if (Quantity(line, fields, "safetyStock", required: false) != 0)
            {
                return (null, new RowError(line, "safetyStock", "is configuration, not stock: set Catalog safety stock instead, and leave this column 0 or empty"));
            }
            if (Quantity(line, fields, "incoming", required: false) != 0)
            {
                return (null, new RowError(line, "incoming", "units in transit come from transfer events (inventory.transfer.shipped): leave this column 0 or empty"));
            }
            if (unsellable > onHand)
            {
                return (null, new RowError(line, "unsellable", $"{unsellable} is more than onHand {onHand}: unsellable units are part of onHand"));
            }
            return (new PositionRow(line, sku, location, onHand, unsellable), null);
        }
        catch (DomainValidationException invalid)
        {
            return (null, new RowError(line, invalid.Field, invalid.Reason));
        }
        catch (RowException bad)
        {
            return (null, bad.Error);
        }
    }

    private int Quantity(long line, string[] fields, string column, bool required)
    {
        if (!_columns.TryGetValue(column, out var index) || fields[index].Trim().Length == 0)
        {
            return required ? throw new RowException(new RowError(line, column, "is required")) : 0;
        }
        var text = fields[index].Trim();
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new RowException(new RowError(line, column, $"'{text}' is not a whole number of units at least 0"));
    }

    // Fields may be quoted, as spreadsheets export them; a quote inside a quoted field is doubled.
    private static string[] Split(string text)
    {
        if (!text.Contains('"', StringComparison.Ordinal))
        {
            return text.Split(',');
        }
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted && c == '"' && i + 1 < text.Length && text[i + 1] == '"')
            {
                current.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }
        fields.Add(current.ToString());
        return [.. fields];
    }

    private sealed class RowException(RowError error) : Exception(error.ToString())
    {
        public RowError Error { get; } = error;
    }
}
