using Microsoft.Data.Sqlite;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Adapters.Sqlite;

/// <summary>
/// Reported levels on SQLite, in the master's file: a row per channel, SKU and location (the empty location for a pooled
/// level), replaced only by a more recent report, so a page of a run is one range read of the primary key. Levels
/// reported by events are written by the SKU's commit (<see cref="SqliteInventoryStore"/>); this records pulled ones.
/// </summary>
public sealed class SqliteReportedLevelStore(SqliteDatabase database) : IReportedLevelStore
{
    public Task RecordAsync(IReadOnlyList<ReportedLevel> levels, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) =>
        {
            SqliteWrites.ReportedLevels(connection, transaction, levels);
            return levels.Count;
        }, cancellationToken);

    /// <summary>The SKU's kept levels, every channel's, as the commit of a batch with a level report compares them.</summary>
    internal static List<ReportedLevel> OfSku(SqliteConnection connection, SqliteTransaction transaction, Sku sku)
    {
        using var command = connection.Command(transaction,
            "SELECT channel, location, level, as_of FROM reported_levels WHERE sku = $sku", ("$sku", sku.Value));
        var levels = new List<ReportedLevel>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var location = reader.GetString(1);
            levels.Add(new ReportedLevel(new ChannelId(reader.GetString(0)), sku, location.Length == 0 ? null : new LocationId(location),
                reader.GetInt32(2), SqliteCommands.Time(reader.GetInt64(3))));
        }
        return levels;
    }

    public Task<ReportedLevelPage> ListAsync(ChannelId channel, string? afterSku, int maxSkus, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxSkus);
        return Task.FromResult(database.Read((connection, transaction) =>
        {
            using var command = connection.Command(transaction,
                """
                SELECT sku, location, level, as_of FROM reported_levels
                WHERE channel = $channel AND sku > $after AND sku <= COALESCE(
                    (SELECT sku FROM (SELECT DISTINCT sku FROM reported_levels WHERE channel = $channel AND sku > $after ORDER BY sku LIMIT $take) ORDER BY sku DESC LIMIT 1), '')
                ORDER BY sku, location
                """,
                ("$channel", channel.Value), ("$after", afterSku ?? ""), ("$take", maxSkus));
            var levels = new List<ReportedLevel>();
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    var location = reader.GetString(1);
                    levels.Add(new ReportedLevel(channel, new Sku(reader.GetString(0)), location.Length == 0 ? null : new LocationId(location),
                        reader.GetInt32(2), SqliteCommands.Time(reader.GetInt64(3))));
                }
            }
            if (levels.Count == 0)
            {
                return new ReportedLevelPage([], null);
            }
            var last = levels[^1].Sku.Value;
            using var more = connection.Command(transaction, "SELECT EXISTS (SELECT 1 FROM reported_levels WHERE channel = $channel AND sku > $last)", ("$channel", channel.Value), ("$last", last));
            return new ReportedLevelPage(levels, Convert.ToInt64(more.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 1 ? last : null);
        }));
    }
}
