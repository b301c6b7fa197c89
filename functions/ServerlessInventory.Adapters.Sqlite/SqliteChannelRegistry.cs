using Microsoft.Data.Sqlite;
using ServerlessInventory.Core.Availability;
using ServerlessInventory.Core.Channels;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Adapters.Sqlite;

/// <summary>
/// The channel registry on SQLite: a row per channel and its mappings in tables beside it (SKUs, variants, locations). An upsert checks the
/// token and rewrites the channel and all its mappings in one transaction, and a read is one snapshot, so a read
/// never sees half of an edit.
/// </summary>
public sealed class SqliteChannelRegistry(SqliteDatabase database) : IChannelRegistry
{
    private const string Columns = "channel, locations, buffer, allocation_kind, allocation_value, format, push_url, require_sku_mapping, token, levels_url";

    public Task<IReadOnlyList<ChannelRegistration>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult(database.Read<IReadOnlyList<ChannelRegistration>>((connection, transaction) => Load(connection, transaction, null)));

    public Task<ChannelRegistration?> GetAsync(ChannelId channel, CancellationToken cancellationToken) =>
        Task.FromResult(database.Read((connection, transaction) => Load(connection, transaction, channel.Value).SingleOrDefault()));

    public Task<ChannelSaveResult> UpsertAsync(ChannelRegistration registration, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) =>
        {
            var channel = registration.Channel.Value;
            using (var current = connection.Command(transaction, "SELECT token FROM channels WHERE channel = $channel", ("$channel", channel)))
            {
                if (current.ExecuteScalar() as string != registration.ConcurrencyToken)
                {
                    return new ChannelSaveResult(ChannelSaveOutcome.Conflict, null);
                }
            }
            var token = Guid.NewGuid().ToString("N");
            using (var upsert = connection.Command(transaction, $"INSERT OR REPLACE INTO channels ({Columns}) VALUES ($channel, $locations, $buffer, $kind, $value, $format, $pushUrl, $require, $token, $levelsUrl)",
                ("$channel", channel), ("$locations", string.Join('\n', registration.Locations.Select(l => l.Value))), ("$buffer", registration.Buffer),
                ("$kind", registration.Allocation.Kind.ToString()), ("$value", registration.Allocation.Value), ("$format", registration.Format.ToString()),
                ("$pushUrl", registration.PushUrl?.OriginalString), ("$require", registration.RequireSkuMapping), ("$token", token),
                ("$levelsUrl", registration.LevelsUrl?.OriginalString)))
            {
                upsert.ExecuteNonQuery();
            }
            DeleteMappings(connection, transaction, channel);
            InsertSkuMappings(connection, transaction, "channel_sku_map", channel, registration.SkuMap);
            InsertSkuMappings(connection, transaction, "channel_variant_map", channel, registration.VariantMap);
            using (var location = connection.Command(transaction, "INSERT INTO channel_location_map (channel, external, location) VALUES ($channel, $external, $location)", ("$channel", channel)))
            {
                var external = location.Parameters.Add("$external", SqliteType.Text);
                var master = location.Parameters.Add("$location", SqliteType.Text);
                foreach (var (key, mapped) in registration.LocationMap)
                {
                    (external.Value, master.Value) = (key, mapped.Value);
                    location.ExecuteNonQuery();
                }
            }
            return new ChannelSaveResult(registration.ConcurrencyToken is null ? ChannelSaveOutcome.Created : ChannelSaveOutcome.Updated, token);
        }, cancellationToken);

    public Task<ChannelRemoveOutcome> RemoveAsync(ChannelId channel, string? concurrencyToken, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) =>
        {
            using (var current = connection.Command(transaction, "SELECT token FROM channels WHERE channel = $channel", ("$channel", channel.Value)))
            {
                switch (current.ExecuteScalar() as string)
                {
                    case null:
                        return ChannelRemoveOutcome.NotRegistered;
                    case { } token when concurrencyToken is not null && token != concurrencyToken:
                        return ChannelRemoveOutcome.Conflict;
                }
            }
            DeleteMappings(connection, transaction, channel.Value);
            using var command = connection.Command(transaction, "DELETE FROM channels WHERE channel = $channel", ("$channel", channel.Value));
            command.ExecuteNonQuery();
            return ChannelRemoveOutcome.Removed;
        }, cancellationToken);

    private static void InsertSkuMappings(SqliteConnection connection, SqliteTransaction transaction, string table, string channel, IReadOnlyDictionary<string, SkuMapping> mappings)
    {
        using var sku = connection.Command(transaction, $"INSERT INTO {table} (channel, external, sku, unit_factor) VALUES ($channel, $external, $sku, $factor)", ("$channel", channel));
        var external = sku.Parameters.Add("$external", SqliteType.Text);
        var master = sku.Parameters.Add("$sku", SqliteType.Text);
        var factor = sku.Parameters.Add("$factor", SqliteType.Integer);
        foreach (var (key, mapping) in mappings)
        {
            (external.Value, master.Value, factor.Value) = (key, mapping.Sku.Value, mapping.UnitFactor);
            sku.ExecuteNonQuery();
        }
    }

    private static void DeleteMappings(SqliteConnection connection, SqliteTransaction transaction, string channel)
    {
        using var command = connection.Command(transaction,
            "DELETE FROM channel_sku_map WHERE channel = $channel; DELETE FROM channel_variant_map WHERE channel = $channel; DELETE FROM channel_location_map WHERE channel = $channel",
            ("$channel", channel));
        command.ExecuteNonQuery();
    }

    private static Dictionary<string, Dictionary<string, SkuMapping>> LoadSkuMappings(SqliteConnection connection, SqliteTransaction transaction, string table, string where, string? channel)
    {
        var maps = new Dictionary<string, Dictionary<string, SkuMapping>>(StringComparer.Ordinal);
        using var command = connection.Command(transaction, $"SELECT channel, external, sku, unit_factor FROM {table}" + where, ("$channel", channel));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            Map(maps, reader.GetString(0))[reader.GetString(1)] = new SkuMapping(new Sku(reader.GetString(2)), reader.GetInt32(3));
        }
        return maps;
    }

    /// <summary>One channel, or every channel when <paramref name="channel"/> is null, ordered by id, with their mappings.</summary>
    private static List<ChannelRegistration> Load(SqliteConnection connection, SqliteTransaction transaction, string? channel)
    {
        const string Where = " WHERE ($channel IS NULL OR channel = $channel)";
        var skuMaps = LoadSkuMappings(connection, transaction, "channel_sku_map", Where, channel);
        var variantMaps = LoadSkuMappings(connection, transaction, "channel_variant_map", Where, channel);
        var locationMaps = new Dictionary<string, Dictionary<string, LocationId>>(StringComparer.Ordinal);
        using (var command = connection.Command(transaction, "SELECT channel, external, location FROM channel_location_map" + Where, ("$channel", channel)))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                Map(locationMaps, reader.GetString(0))[reader.GetString(1)] = new LocationId(reader.GetString(2));
            }
        }
        var channels = new List<ChannelRegistration>();
        using (var command = connection.Command(transaction, $"SELECT {Columns} FROM channels{Where} ORDER BY channel", ("$channel", channel)))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var id = reader.GetString(0);
                var locations = reader.GetString(1);
                channels.Add(new ChannelRegistration(
                    new ChannelId(id),
                    locations.Length == 0 ? [] : [.. locations.Split('\n').Select(l => new LocationId(l))],
                    reader.GetInt32(2),
                    new Allocation(Enum.Parse<AllocationKind>(reader.GetString(3)), reader.GetInt32(4)),
                    Enum.Parse<WebhookFormat>(reader.GetString(5)),
                    reader.IsDBNull(6) ? null : new Uri(reader.GetString(6), UriKind.Absolute),
                    Map(skuMaps, id),
                    Map(locationMaps, id),
                    reader.GetBoolean(7),
                    reader.GetString(8))
                {
                    LevelsUrl = reader.IsDBNull(9) ? null : new Uri(reader.GetString(9), UriKind.Absolute),
                    VariantMap = Map(variantMaps, id),
                });
            }
        }
        return channels;
    }

    private static Dictionary<string, T> Map<T>(Dictionary<string, Dictionary<string, T>> maps, string channel) =>
        maps.TryGetValue(channel, out var map) ? map : maps[channel] = new Dictionary<string, T>(StringComparer.Ordinal);
}
