using Microsoft.Data.Sqlite;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;
using ServerlessInventory.Core.Serialization;

namespace ServerlessInventory.Adapters.Sqlite;

/// <summary>The statements of a commit, each run inside the caller's transaction.</summary>
internal static class SqliteWrites
{
    public static void Head(SqliteConnection connection, SqliteTransaction transaction, Sku sku, long version)
    {
        var command = connection.Prepared(transaction,
            "INSERT INTO sku_heads (sku, version) VALUES ($sku, $version) ON CONFLICT (sku) DO UPDATE SET version = excluded.version",
            ("$sku", sku.Value), ("$version", version));
        command.ExecuteNonQuery();
    }

    /// <summary>Inserts ledger rows; <paramref name="bodies"/> holds each entry's serialized form, in the same order.</summary>
    public static void Ledger(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<LedgerEntry> entries, IReadOnlyList<string> bodies)
    {
        if (entries.Count == 0)
        {
            return;
        }
        var command = connection.Prepared(transaction,
            "INSERT INTO ledger (sku, event_key, event_type, event_time, version, body) VALUES ($sku, $id, $type, $time, $version, $body)");
        var sku = command.Parameters.Add("$sku", SqliteType.Text);
        var id = command.Parameters.Add("$id", SqliteType.Text);
        var type = command.Parameters.Add("$type", SqliteType.Text);
        var time = command.Parameters.Add("$time", SqliteType.Integer);
        var version = command.Parameters.Add("$version", SqliteType.Integer);
        var body = command.Parameters.Add("$body", SqliteType.Text);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            sku.Value = entry.Sku.Value;
            id.Value = entry.EventKey.Value;
            type.Value = entry.Event.Type;
            time.Value = entry.Event.Time.UtcTicks;
            version.Value = entry.Version;
            body.Value = bodies[i];
            command.ExecuteNonQuery();
        }
    }

    public static void Positions(SqliteConnection connection, SqliteTransaction transaction, Sku sku, IReadOnlyList<PositionState> positions)
    {
        if (positions.Count == 0)
        {
            return;
        }
        var command = connection.Prepared(transaction, """
            INSERT INTO positions (sku, location, on_hand, unsellable, committed, incoming, last_counted_at)
            VALUES ($sku, $location, $onHand, $unsellable, $committed, $incoming, $countedAt)
            ON CONFLICT (sku, location) DO UPDATE SET
                on_hand = excluded.on_hand, unsellable = excluded.unsellable, committed = excluded.committed,
                incoming = excluded.incoming, last_counted_at = excluded.last_counted_at
            """, ("$sku", sku.Value));
        var location = command.Parameters.Add("$location", SqliteType.Text);
        var onHand = command.Parameters.Add("$onHand", SqliteType.Integer);
        var unsellable = command.Parameters.Add("$unsellable", SqliteType.Integer);
        var committed = command.Parameters.Add("$committed", SqliteType.Integer);
        var incoming = command.Parameters.Add("$incoming", SqliteType.Integer);
        var countedAt = command.Parameters.Add("$countedAt", SqliteType.Integer);
        foreach (var position in positions)
        {
            location.Value = position.Location.Value;
            onHand.Value = position.OnHand;
            unsellable.Value = position.Unsellable;
            committed.Value = position.Committed;
            incoming.Value = position.Incoming;
            countedAt.Value = (object?)SqliteCommands.Ticks(position.LastCountedAt) ?? DBNull.Value;
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Writes each changed open order; a closed one (zero units) is deleted.</summary>
    public static void OpenOrders(SqliteConnection connection, SqliteTransaction transaction, Sku sku, IReadOnlyList<OpenOrder> orders)
    {
        if (orders.Count == 0)
        {
            return;
        }
        var upsert = connection.Prepared(transaction, """
            INSERT INTO open_orders (sku, order_id, location, channel, quantity) VALUES ($sku, $order, $location, $channel, $quantity)
            ON CONFLICT (sku, order_id, location) DO UPDATE SET channel = excluded.channel, quantity = excluded.quantity
            """, ("$sku", sku.Value));
        var order = upsert.Parameters.Add("$order", SqliteType.Text);
        var location = upsert.Parameters.Add("$location", SqliteType.Text);
        var channel = upsert.Parameters.Add("$channel", SqliteType.Text);
        var quantity = upsert.Parameters.Add("$quantity", SqliteType.Integer);
        var delete = connection.Prepared(transaction,
            "DELETE FROM open_orders WHERE sku = $sku AND order_id = $order AND location = $location", ("$sku", sku.Value));
        var closedOrder = delete.Parameters.Add("$order", SqliteType.Text);
        var closedLocation = delete.Parameters.Add("$location", SqliteType.Text);
        foreach (var open in orders)
        {
            if (open.IsClosed)
            {
                closedOrder.Value = open.OrderId;
                closedLocation.Value = open.Location.Value;
                delete.ExecuteNonQuery();
                continue;
            }
            order.Value = open.OrderId;
            location.Value = open.Location.Value;
            channel.Value = open.Channel.Value;
            quantity.Value = open.Quantity;
            upsert.ExecuteNonQuery();
        }
    }

    public static void Reservations(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<Reservation> reservations)
    {
        if (reservations.Count == 0)
        {
            return;
        }
        var command = connection.Prepared(transaction, $"""
            INSERT INTO reservations ({SqliteRows.ReservationColumns})
            VALUES ($id, $sku, $location, $channel, $quantity, $status, $createdAt, $expiresAt, $orderId)
            ON CONFLICT (id) DO UPDATE SET
                status = excluded.status, expires_at = excluded.expires_at, order_id = excluded.order_id
            """);
        var id = command.Parameters.Add("$id", SqliteType.Text);
        var sku = command.Parameters.Add("$sku", SqliteType.Text);
        var location = command.Parameters.Add("$location", SqliteType.Text);
        var channel = command.Parameters.Add("$channel", SqliteType.Text);
        var quantity = command.Parameters.Add("$quantity", SqliteType.Integer);
        var status = command.Parameters.Add("$status", SqliteType.Text);
        var createdAt = command.Parameters.Add("$createdAt", SqliteType.Integer);
        var expiresAt = command.Parameters.Add("$expiresAt", SqliteType.Integer);
        var orderId = command.Parameters.Add("$orderId", SqliteType.Text);
        foreach (var reservation in reservations)
        {
            id.Value = reservation.Id.Value;
            sku.Value = reservation.Sku.Value;
            location.Value = reservation.Location.Value;
            channel.Value = reservation.Channel.Value;
            quantity.Value = reservation.Quantity;
            status.Value = SqliteRows.Status(reservation.Status);
            createdAt.Value = reservation.CreatedAt.UtcTicks;
            expiresAt.Value = reservation.ExpiresAt.UtcTicks;
            orderId.Value = (object?)reservation.OrderId ?? DBNull.Value;
            command.ExecuteNonQuery();
        }
    }

    public static void Change(SqliteConnection connection, SqliteTransaction transaction, Sku sku, long version)
    {
        var command = connection.Prepared(transaction, "INSERT INTO changes (sku, version) VALUES ($sku, $version)", ("$sku", sku.Value), ("$version", version));
        command.ExecuteNonQuery();
    }

    /// <summary>Keeps each level unless a report at least as recent is kept for its channel, SKU and location.</summary>
    public static void ReportedLevels(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<ReportedLevel> levels)
    {
        if (levels.Count == 0)
        {
            return;
        }
        var upsert = connection.Prepared(transaction,
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
    }
}
