using System.Diagnostics;
using Microsoft.Data.Sqlite;
using ServerlessInventory.Adapters.Sqlite;

namespace ServerlessInventory.Benchmarks;

/// <summary>
/// The denominator: how many single-row write transactions SQLite itself commits per second on this
/// machine, with the store's own pragmas (WAL, synchronous NORMAL, busy timeout) because the file is
/// opened through <see cref="SqliteDatabase"/> with default <see cref="SqliteOptions"/>.
/// </summary>
internal static class RawSqliteRate
{
    private const int Warmup = 1_000;
    private const string CreateTable = "CREATE TABLE raw_rows (id INTEGER PRIMARY KEY, k TEXT NOT NULL, v INTEGER NOT NULL)";
    private const string Insert = "INSERT INTO raw_rows (k, v) VALUES ($k, $v)";

    /// <summary>One connection, one prepared statement, BEGIN IMMEDIATE / INSERT / COMMIT per row, one thread.</summary>
    public static RateResult Measure(string databasePath, int transactions)
    {
        using var database = Fresh(databasePath);
        using var connection = database.Open();
        Execute(connection, CreateTable);
        using var insert = connection.CreateCommand();
        insert.CommandText = Insert;
        var key = insert.Parameters.Add("$k", SqliteType.Text);
        var value = insert.Parameters.Add("$v", SqliteType.Integer);
        insert.Prepare();

        void InsertOne(int i)
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            insert.Transaction = transaction;
            key.Value = "row-" + i;
            value.Value = i;
            insert.ExecuteNonQuery();
            transaction.Commit();
        }

        for (var i = 0; i < Warmup; i++)
        {
            InsertOne(-i - 1);
        }
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < transactions; i++)
        {
            InsertOne(i);
        }
        clock.Stop();
        Verify(connection, transactions + Warmup);
        return new RateResult("raw SQLite: 1-row INSERT tx", transactions, clock.Elapsed);
    }

    /// <summary>
    /// The same single-row transactions through the store's write path (<see cref="SqliteDatabase.WriteAsync{T}"/>:
    /// in-process gate, pooled connection opened and pragmas run per transaction, command built per call).
    /// Not a target's denominator: it shows what the adapter adds before Core does anything.
    /// </summary>
    public static async Task<RateResult> MeasureAdapterPathAsync(string databasePath, int transactions)
    {
        using var database = Fresh(databasePath);
        using (var connection = database.Open())
        {
            Execute(connection, CreateTable);
        }

        Task<int> InsertOne(int i) => database.WriteAsync((connection, transaction) =>
        {
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = Insert;
            insert.Parameters.AddWithValue("$k", "row-" + i);
            insert.Parameters.AddWithValue("$v", i);
            return insert.ExecuteNonQuery();
        }, CancellationToken.None);

        for (var i = 0; i < Warmup; i++)
        {
            await InsertOne(-i - 1);
        }
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < transactions; i++)
        {
            await InsertOne(i);
        }
        clock.Stop();
        using (var connection = database.Open())
        {
            Verify(connection, transactions + Warmup);
        }
        return new RateResult("adapter: 1-row tx via WriteAsync", transactions, clock.Elapsed);
    }

    private static SqliteDatabase Fresh(string databasePath)
    {
        BenchHost.DeleteDatabase(databasePath);
        return new SqliteDatabase(new SqliteOptions { DatabasePath = databasePath });
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static void Verify(SqliteConnection connection, long expectedRows)
    {
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM raw_rows";
        var rows = (long)count.ExecuteScalar()!;
        if (rows != expectedRows)
        {
            throw new InvalidOperationException($"raw rate: {rows} rows committed, {expectedRows} expected");
        }
    }
}

/// <summary>Rows (one per transaction) committed in <see cref="Elapsed"/>.</summary>
internal sealed record RateResult(string Name, int Transactions, TimeSpan Elapsed)
{
    public double PerSecond => Transactions / Elapsed.TotalSeconds;
}
