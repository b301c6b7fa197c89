using Microsoft.Data.Sqlite;

namespace ServerlessInventory.Adapters.Sqlite.Tests;

/// <summary>A real database file in a fresh temporary folder, removed with its WAL files afterwards.</summary>
public sealed class TempDatabase : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("serverless-inventory-").FullName;

    public TempDatabase() => Path = System.IO.Path.Combine(_folder, "inventory.db");

    public string Path { get; }

    public SqliteDatabase Open(SqliteDurability durability = SqliteDurability.Normal) =>
        new(new SqliteOptions { DatabasePath = Path, Durability = durability });

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
