using System.Buffers.Text;
using System.Globalization;
using System.Text;
using ServerlessInventory.Core.Domain;

namespace ServerlessInventory.Adapters.Tables;

/// <summary>
/// Key helpers shared by the repositories. PartitionKey and RowKey may not hold <c>/ \ # ?</c> or control characters;
/// master ids (SKU, channel, run id) already exclude them (<see cref="Guard.Identifier"/>), but ids that come from
/// outside as they are (parked ids, message ids, a channel's external SKUs) are escaped.
/// </summary>
internal static class TableKeys
{
    /// <summary>Percent-escapes what a key cannot hold (and <c>%</c> itself), so that distinct ids stay distinct keys.</summary>
    public static string Escape(string value)
    {
        if (!value.AsSpan().ContainsAny("/\\#?%") && !value.Any(char.IsControl))
        {
            return value;
        }
        var escaped = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (c is '/' or '\\' or '#' or '?' or '%' || char.IsControl(c))
            {
                escaped.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                escaped.Append(c);
            }
        }
        return escaped.ToString();
    }

    /// <summary>A time as a fixed-width key that sorts oldest first.</summary>
    public static string Ticks(DateTimeOffset time) => time.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>A time as a fixed-width key that sorts newest first: a range scan lists the latest first.</summary>
    public static string InvertedTicks(DateTimeOffset time) => (DateTimeOffset.MaxValue.UtcTicks - time.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>The smallest key greater than every key starting with <paramref name="prefix"/> (for a prefix range scan).</summary>
    public static string PrefixEnd(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);

    /// <summary>An opaque continuation: the row key of the last item returned, so a page starts right after it.</summary>
    public static string EncodeContinuation(string rowKey) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(rowKey));

    public static string DecodeContinuation(string continuation)
    {
        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(continuation));
        }
        catch (FormatException)
        {
            throw new DomainValidationException("continuation", "is not a continuation this store issued");
        }
    }
}
