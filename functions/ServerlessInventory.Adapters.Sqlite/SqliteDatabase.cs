using Microsoft.Data.Sqlite;

namespace ServerlessInventory.Adapters.Sqlite;

/// <summary>
/// One SQLite file in WAL mode: readers never block the writer, and one writer at a time commits.
/// Writers of this process queue on an in-process gate rather than spinning on SQLite's busy handler;
/// other processes still serialize on the file lock. The schema is created on first use.
/// </summary>
public sealed class SqliteDatabase : IDisposable
{
    private readonly string _connectionString;
    private readonly string _pragmas;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly Lazy<bool> _schema;

    public SqliteDatabase(SqliteOptions options)
    {
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = (int)options.BusyTimeout.TotalSeconds,
        }.ToString();
        _pragmas = $"PRAGMA synchronous={options.Durability.ToString().ToUpperInvariant()}; PRAGMA busy_timeout={(int)options.BusyTimeout.TotalMilliseconds};";
        _schema = new Lazy<bool>(CreateSchema, LazyThreadSafetyMode.ExecutionAndPublication);
        Path = options.DatabasePath;
    }

    public string Path { get; }

    /// <summary>An open connection with this database's pragmas, the schema in place.</summary>
    public SqliteConnection Open()
    {
        _ = _schema.Value;
        return OpenRaw();
    }

    /// <summary>Runs <paramref name="work"/> in an immediate transaction, alone among this process's writers, and commits it.</summary>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var connection = Open();
            using var transaction = connection.BeginTransaction(deferred: false);
            var result = work(connection, transaction);
            transaction.Commit();
            return result;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Runs <paramref name="work"/> in a read transaction: every statement sees the same committed snapshot.</summary>
    public T Read<T>(Func<SqliteConnection, SqliteTransaction, T> work)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction(deferred: true);
        return work(connection, transaction);
    }

    /// <summary>
    /// Closes this file's pooled connections, as the end of the process would, so that a new
    /// <see cref="SqliteDatabase"/> on the same path starts cold. Only this database's pool is cleared: clearing
    /// every pool (<see cref="SqliteConnection.ClearAllPools"/>) while other databases of the process are in use
    /// can dispose connections in the middle of their transactions. Dispose when nothing uses this object any more.
    /// </summary>
    public void Dispose()
    {
        using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }
        _writeGate.Dispose();
    }

    private SqliteConnection OpenRaw()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragmas = connection.CreateCommand();
        pragmas.CommandText = _pragmas;
        pragmas.ExecuteNonQuery();
        return connection;
    }

    private bool CreateSchema()
    {
        using var connection = OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;" + SqliteSchema.Script;
        command.ExecuteNonQuery();
        SqliteMigrations.Run(connection);
        return true;
    }
}
