using System.Globalization;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Adapters.Sqlite;

/// <summary>
/// The change log written by every commit, read in commit order. The checkpoint is the last sequence
/// number read, so a consumer that restarts from its saved checkpoint misses nothing.
/// </summary>
public sealed class SqliteChangeFeed(SqliteDatabase database) : IChangeFeed
{
    public Task<ChangeBatch> ReadAsync(string? checkpoint, int maxItems, CancellationToken cancellationToken) =>
        Task.FromResult(database.Read((connection, transaction) =>
        {
            var after = checkpoint is null ? 0 : long.Parse(checkpoint, NumberStyles.None, CultureInfo.InvariantCulture);
            using var command = connection.Command(transaction,
                "SELECT seq, sku, version FROM changes WHERE seq > $after ORDER BY seq LIMIT $take",
                ("$after", after), ("$take", maxItems));
            var changes = new List<SkuChange>();
            var last = after;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                last = reader.GetInt64(0);
                changes.Add(new SkuChange(new Sku(reader.GetString(1)), reader.GetInt64(2)));
            }
            return new ChangeBatch(changes, changes.Count == 0 ? checkpoint : last.ToString(CultureInfo.InvariantCulture));
        }));
}
