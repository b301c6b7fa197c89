using Microsoft.Data.Sqlite;

namespace ServerlessInventory.Adapters.Sqlite;

/// <summary>Small helpers that keep SQL statements readable: parameters by name, IN lists by count.</summary>
internal static class SqliteCommands
{
    public static SqliteCommand Command(this SqliteConnection connection, SqliteTransaction transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        return command;
    }

    /// <summary>"$p0, $p1, ..." for <paramref name="count"/> items; "NULL" when there are none, which matches nothing.</summary>
    public static string InList(string prefix, int count) =>
        count == 0 ? "NULL" : string.Join(", ", Enumerable.Range(0, count).Select(i => prefix + i));

    public static void AddList(this SqliteCommand command, string prefix, IReadOnlyList<string> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            command.Parameters.AddWithValue(prefix + i, values[i]);
        }
    }

    public static long? Ticks(DateTimeOffset? time) => time?.UtcTicks;

    public static DateTimeOffset Time(long ticks) => new(ticks, TimeSpan.Zero);
}
