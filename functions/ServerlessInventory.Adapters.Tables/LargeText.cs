using System.Text;
using Azure.Data.Tables;

namespace ServerlessInventory.Adapters.Tables;

/// <summary>
/// Text longer than a table property may hold (a string property holds 32K UTF-16 characters, 64 KiB; an entity
/// 1 MiB). Short text is one string property of the head entity; longer text is split as UTF-8 into binary chunk
/// rows of 64,000 bytes in the head's partition, written in the same transaction as the head. Text over
/// <see cref="MaxBytes"/> is refused: it could not go into one 4 MiB transaction, and a parked webhook payload is at
/// most 1 MiB (Webhooks:MaxBodyBytes).
/// </summary>
internal static class LargeText
{
    public const int MaxBytes = 2 * 1024 * 1024;
    public const string ChunkPrefix = "chunk:";
    private const int InlineMaxChars = 32_000;
    private const int ChunkBytes = 64_000;
    private const string ChunkCountProperty = "TextChunks";
    private const string BytesProperty = "Bytes";

    /// <summary>Sets <paramref name="property"/> on the head, or its chunk count; returns the chunk rows to write with it.</summary>
    /// <exception cref="ArgumentException">The text is longer than <see cref="MaxBytes"/> in UTF-8.</exception>
    public static List<TableEntity> Store(TableEntity head, string property, string text)
    {
        if (text.Length <= InlineMaxChars)
        {
            head[property] = text;
            head[ChunkCountProperty] = 0;
            return [];
        }
        var bytes = Encoding.UTF8.GetBytes(text);
        if (bytes.Length > MaxBytes)
        {
            throw new ArgumentException($"{property} is {bytes.Length} bytes in UTF-8; the table store keeps at most {MaxBytes}", nameof(text));
        }
        var chunks = bytes.Chunk(ChunkBytes).Select((chunk, i) => new TableEntity(head.PartitionKey, ChunkKey(i)) { [BytesProperty] = chunk }).ToList();
        head[property] = null;
        head[ChunkCountProperty] = chunks.Count;
        return chunks;
    }

    public static int ChunkCount(TableEntity head) => head.GetInt32(ChunkCountProperty) ?? 0;

    public static string ChunkKey(int index) => ChunkPrefix + index.ToString("D3", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The text back from the head and the partition's chunk rows (in key order).</summary>
    public static string Read(TableEntity head, string property, IReadOnlyList<TableEntity> chunks)
    {
        var count = ChunkCount(head);
        if (count == 0)
        {
            return head.GetString(property) ?? "";
        }
        var ordered = chunks.Where(c => c.RowKey.StartsWith(ChunkPrefix, StringComparison.Ordinal)).OrderBy(c => c.RowKey, StringComparer.Ordinal).Take(count).ToList();
        if (ordered.Count != count)
        {
            throw new InvalidOperationException($"{head.PartitionKey}: {count} text chunks expected, {ordered.Count} found");
        }
        return Encoding.UTF8.GetString([.. ordered.SelectMany(c => c.GetBinary(BytesProperty))]);
    }
}
