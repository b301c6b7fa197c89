using System.Buffers.Text;
using System.Globalization;
using System.Text;
using ServerlessInventory.Core.Domain;

namespace ServerlessInventory.Adapters.Sqlite;

/// <summary>
/// Opaque continuations for listings ordered by (time, key): the position of the last item returned, so that a
/// page starts right after it however many rows were added or removed before it meanwhile.
/// </summary>
internal static class SqliteContinuation
{
    public static string Encode(long ticks, string key) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(ticks.ToString(CultureInfo.InvariantCulture) + ":" + key));

    public static (long Ticks, string Key) Decode(string continuation)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(continuation));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && long.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks))
            {
                return (ticks, text[(colon + 1)..]);
            }
        }
        catch (FormatException)
        {
        }
        throw new DomainValidationException("continuation", "is not a continuation this store issued");
    }

    /// <summary>Reads up to <paramref name="pageSize"/> items (the command asks for one more, to know whether there are more).</summary>
    public static Core.Ports.Page<T> Page<T>(Microsoft.Data.Sqlite.SqliteCommand command, int pageSize, Func<Microsoft.Data.Sqlite.SqliteDataReader, T> read, Func<T, (long Ticks, string Key)> position)
    {
        var items = new List<T>(Math.Min(pageSize, 1000));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (items.Count == pageSize)
            {
                var (ticks, key) = position(items[^1]);
                return new Core.Ports.Page<T>(items, Encode(ticks, key));
            }
            items.Add(read(reader));
        }
        return new Core.Ports.Page<T>(items, null);
    }
}
