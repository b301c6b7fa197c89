using System.Globalization;
using Microsoft.Data.Sqlite;
using ServerlessInventory.Adapters.Sqlite;

namespace ServerlessInventory.Benchmarks;

/// <summary>
/// Checks after a run that every event was applied exactly once: the handler said so, the ledger holds one row
/// per event, each commit left one head version and one change-feed row, and every position equals the fold of
/// the events' own changes.
/// </summary>
internal static class StoreVerifier
{
    public static Verification Verify(SqliteDatabase database, Workload workload, Tally tally)
    {
        var failures = new List<string>();
        Expect(failures, "events applied", tally.Applied, workload.Events);
        Expect(failures, "events not applied", tally.NotApplied, 0);

        using var connection = database.Open();
        Expect(failures, "ledger rows", Scalar(connection, "SELECT COUNT(*) FROM ledger"), workload.Events);
        Expect(failures, "SKU heads", Scalar(connection, "SELECT COUNT(*) FROM sku_heads"), workload.Skus);
        Expect(failures, "sum of head versions", Scalar(connection, "SELECT COALESCE(SUM(version), 0) FROM sku_heads"), tally.Commits);
        Expect(failures, "change-feed rows", Scalar(connection, "SELECT COUNT(*) FROM changes"), tally.Commits);

        var stored = ReadPositions(connection);
        var expected = workload.Expected.Positions;
        Expect(failures, "positions", stored.Count, expected.Count);
        foreach (var (key, want) in expected)
        {
            if (!stored.TryGetValue(key, out var got) || got != want)
            {
                failures.Add($"position {key.Sku}@{key.Location}: {got} stored, {want} expected");
                break;
            }
        }
        var onHand = stored.Values.Sum(q => q.OnHand);
        Expect(failures, "total onHand", onHand, workload.Expected.TotalOnHand);

        return failures.Count == 0
            ? new Verification(true, string.Create(CultureInfo.InvariantCulture, $"ledger {workload.Events:N0} rows, {stored.Count:N0} positions, onHand {onHand:N0}"))
            : new Verification(false, string.Join("; ", failures));
    }

    private static void Expect(List<string> failures, string what, long actual, long expected)
    {
        if (actual != expected)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{what}: {actual:N0}, expected {expected:N0}"));
        }
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private static Dictionary<(string Sku, string Location), Quantities> ReadPositions(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sku, location, on_hand, unsellable, committed, incoming FROM positions";
        using var reader = command.ExecuteReader();
        var positions = new Dictionary<(string, string), Quantities>();
        while (reader.Read())
        {
            positions[(reader.GetString(0), reader.GetString(1))] =
                new Quantities(reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5));
        }
        return positions;
    }
}

/// <summary>Whether the store holds exactly what the workload should have produced, and what was checked or found.</summary>
internal sealed record Verification(bool Passed, string Detail);
