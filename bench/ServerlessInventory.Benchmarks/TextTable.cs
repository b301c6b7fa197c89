namespace ServerlessInventory.Benchmarks;

/// <summary>A plain-text table: numbers right-aligned under their headers, text columns left-aligned.</summary>
internal sealed class TextTable(params (string Header, bool Left)[] columns)
{
    private readonly List<string[]> _rows = [];

    public void Add(params string[] cells)
    {
        if (cells.Length != columns.Length)
        {
            throw new ArgumentException($"{cells.Length} cells for {columns.Length} columns", nameof(cells));
        }
        _rows.Add(cells);
    }

    public void Write(TextWriter writer)
    {
        var widths = columns.Select((c, i) => _rows.Select(r => r[i].Length).Append(c.Header.Length).Max()).ToArray();
        WriteLine(writer, [.. columns.Select(c => c.Header)], widths);
        WriteLine(writer, [.. widths.Select(w => new string('-', w))], widths);
        foreach (var row in _rows)
        {
            WriteLine(writer, row, widths);
        }
    }

    private void WriteLine(TextWriter writer, string[] cells, int[] widths)
    {
        var padded = cells.Select((cell, i) => columns[i].Left ? cell.PadRight(widths[i]) : cell.PadLeft(widths[i]));
        writer.WriteLine(string.Join("  ", padded).TrimEnd());
    }
}
