using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace ServerlessInventory.Adapters.Sqlite;

/// <summary>Small helpers that keep SQL statements readable: parameters by name, IN lists by count.</summary>
internal static class SqliteCommands
{
    public static SqliteCommand Command(this SqliteConnection connection, SqliteTransaction transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.Bind(transaction, parameters);
    }

    private static readonly ConditionalWeakTable<SqliteConnection, Dictionary<string, SqliteCommand>> _prepared = [];

    /// <summary>
    /// Like <see cref="Command"/>, but the command is kept with <paramref name="connection"/> and handed out again for the
    /// same text, so its statement is prepared once per connection rather than once per call: the connection owns it
    /// (don't dispose it), and the caller must be done with it before asking for the same text again. Only for fixed
    /// statement texts: each distinct text stays prepared as long as the connection is open.
    /// </summary>
    public static SqliteCommand Prepared(this SqliteConnection connection, SqliteTransaction transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var statements = _prepared.GetOrCreateValue(connection);
        if (!statements.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            statements[sql] = command;
        }
        command.Parameters.Clear();
        return command.Bind(transaction, parameters);
    }

    private static SqliteCommand Bind(this SqliteCommand command, SqliteTransaction transaction, (string Name, object? Value)[] parameters)
    {
        command.Transaction = transaction;
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
