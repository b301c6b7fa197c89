using Microsoft.Data.Sqlite;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Adapters.Sqlite;

/// <summary>
/// Reported levels on SQLite, in the master's file: a row per channel, SKU and location (the empty location for a pooled
/// level), replaced only by a report at least as recent, so a page of a run is one range read of the primary key.
/// </summary>
public sealed class SqliteReportedLevelStore(SqliteDatabase database) : IReportedLevelStore
{
    public Task RecordAsync(IReadOnlyList<ReportedLevel> levels, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) =>
        {
            using var upsert = connection.Command(transaction,
                """
                INSERT INTO reported_levels (channel, sku, location, level, as_of) VALUES ($channel, $sku, $location, $level, $asOf)
                ON CONFLICT (channel, sku, location) DO UPDATE SET level = excluded.level, as_of = excluded.as_of WHERE excluded.as_of > reported_levels.as_of
                """);
            var channel = upsert.Parameters.Add("$channel", SqliteType.Text);
            var sku = upsert.Parameters.Add("$sku", SqliteType.Text);
            var location = upsert.Parameters.Add("$location", SqliteType.Text);
            var level = upsert.Parameters.Add("$level", SqliteType.Integer);
            var asOf = upsert.Parameters.Add("$asOf", SqliteType.Integer);
            foreach (var each in levels)
            {
                (channel.Value, sku.Value, location.Value) = (each.Channel.Value, each.Sku.Value, each.Location?.Value ?? "");
                (level.Value, asOf.Value) = (each.Level, each.AsOf.UtcTicks);
                upsert.ExecuteNonQuery();
            }
            return levels.Count;
        }, cancellationToken);

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
