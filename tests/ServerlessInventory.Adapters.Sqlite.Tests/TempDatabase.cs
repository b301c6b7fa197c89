namespace ServerlessInventory.Adapters.Sqlite.Tests;

/// <summary>
/// A real database file in a fresh temporary folder, removed with its WAL files afterwards. Dispose the databases
/// opened on it first: each closes its own pooled connections. (Never <c>SqliteConnection.ClearAllPools</c> here:
/// tests run in parallel, and clearing every pool disposes other tests' connections in mid-transaction.)
/// </summary>
public sealed class TempDatabase : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("serverless-inventory-").FullName;

    public TempDatabase() => Path = System.IO.Path.Combine(_folder, "inventory.db");

    public string Path { get; }

    public SqliteDatabase Open(SqliteDurability durability = SqliteDurability.Normal) =>
        new(new SqliteOptions { DatabasePath = Path, Durability = durability });

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
