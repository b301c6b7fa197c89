using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace ServerlessInventory.Adapters.Sqlite;

/// <summary>
/// One SQLite file in WAL mode: readers never block the writer, and one writer at a time commits.
/// Writers of this process queue on an in-process gate rather than spinning on SQLite's busy handler;
/// other processes still serialize on the file lock. The schema is created on first use.
/// </summary>
public sealed partial class SqliteDatabase : IDisposable
{
    private readonly string _connectionString;
    private readonly string _pragmas;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly Lazy<bool> _schema;

    // Idle read connections, kept open with their pragmas run and their statements prepared (SqliteCommands.Prepared):
    // a checkout's read is a handful of one-row queries, and opening, configuring and preparing cost more than running them.
    private readonly ConcurrentBag<SqliteConnection> _readers = [];
    private int _idleReaders; // Counted beside the bag: ConcurrentBag.Count takes every thread's lock.
    private volatile bool _disposed;

    // Guarded by _writeGate. Kept open between writes: taking a pooled connection and rerunning the pragmas
    // cost every commit more than a small transaction's own statements.
    private SqliteConnection? _writer;

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
            _writer ??= Open();
            try
            {
                using var transaction = _writer.BeginTransaction(deferred: false);
                var result = work(_writer, transaction);
                transaction.Commit();
                return result;
            }
            catch
            {
                // A failed write may leave the connection in a state nobody should inherit (an open statement,
                // a lost file lock); the next writer opens a fresh one.
                _writer.Dispose();
                _writer = null;
                throw;
            }
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Runs <paramref name="work"/> in a read transaction: every statement sees the same committed snapshot.</summary>
    public T Read<T>(Func<SqliteConnection, SqliteTransaction, T> work)
    {
        var connection = TakeReader();
        var reusable = false;
        try
        {
            T result;
            using (var transaction = connection.BeginTransaction(deferred: true))
            {
                result = work(connection, transaction);
            }
            reusable = true;
            return result;
        }
        finally
        {
            // A read that threw may leave a statement mid-step: that connection is not handed to the next reader.
            if (reusable)
            {
                KeepReader(connection);
            }
            else
            {
                connection.Dispose();
            }
        }
    }

    private SqliteConnection TakeReader()
    {
        if (!_readers.TryTake(out var idle))
        {
            return Open();
        }
        Interlocked.Decrement(ref _idleReaders);
        return idle;
    }

    private void KeepReader(SqliteConnection connection)
    {
        if (_disposed)
        {
            connection.Dispose();
            return;
        }
        if (Interlocked.Increment(ref _idleReaders) > MaxIdleReaders)
        {
            Interlocked.Decrement(ref _idleReaders);
            connection.Dispose();
            return;
        }
        _readers.Add(connection);
    }

    /// <summary>Enough for every thread of a busy 2 to 8 core host to read at once without opening a connection.</summary>
    private const int MaxIdleReaders = 16;

    /// <summary>
    /// Closes this file's pooled connections, as the end of the process would, so that a new
    /// <see cref="SqliteDatabase"/> on the same path starts cold. Only this database's pool is cleared: clearing
    /// every pool (<see cref="SqliteConnection.ClearAllPools"/>) while other databases of the process are in use
    /// can dispose connections in the middle of their transactions. Dispose when nothing uses this object any more.
    /// </summary>
    public void Dispose()
    {
        _disposed = true;
        while (_readers.TryTake(out var reader))
        {
            reader.Dispose();
        }
        _writer?.Dispose();
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
