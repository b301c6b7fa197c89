using Microsoft.Data.Sqlite;
using ServerlessInventory.Core.Domain;

namespace ServerlessInventory.Adapters.Sqlite;

/// <summary>Rows to domain records, and the column lists they expect.</summary>
internal static class SqliteRows
{
    public const string ReservationColumns = "id, sku, location, channel, quantity, status, created_at, expires_at, order_id";

    public static List<PositionState> Positions(SqliteCommand command)
    {
        var positions = new List<PositionState>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            positions.Add(new PositionState(
                new LocationId(reader.GetString(0)),
                reader.GetInt32(1),
                reader.GetInt32(2),
                reader.GetInt32(3),
                reader.GetInt32(4),
                reader.IsDBNull(5) ? null : SqliteCommands.Time(reader.GetInt64(5))));
        }
        return positions;
    }

    public static List<OpenOrder> OpenOrders(SqliteCommand command)
    {
        var orders = new List<OpenOrder>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            orders.Add(new OpenOrder(reader.GetString(0), new LocationId(reader.GetString(1)), new ChannelId(reader.GetString(2)), reader.GetInt32(3)));
        }
        return orders;
    }

    public static List<Reservation> Reservations(SqliteCommand command)
    {
        var reservations = new List<Reservation>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            reservations.Add(new Reservation(
                new ReservationId(reader.GetString(0)),
                new Sku(reader.GetString(1)),
                new LocationId(reader.GetString(2)),
                new ChannelId(reader.GetString(3)),
                reader.GetInt32(4),
                SqliteCommands.Time(reader.GetInt64(6)),
                SqliteCommands.Time(reader.GetInt64(7)),
                Enum.Parse<ReservationStatus>(reader.GetString(5), ignoreCase: true),
                reader.IsDBNull(8) ? null : reader.GetString(8)));
        }
        return reservations;
    }

    public static string Status(ReservationStatus status) => status.ToString().ToLowerInvariant();
}
