using ServerlessInventory.Testing;

namespace ServerlessInventory.Adapters.Sqlite.Tests;

/// <summary>The store contract, unchanged, against a real SQLite file per test.</summary>
public sealed class SqliteInventoryStoreContractTests : InventoryStoreContract
{
    protected override ValueTask<StoreUnderTest> CreateStoreAsync()
    {
        var file = new TempDatabase();
        var database = file.Open();
        return ValueTask.FromResult(new StoreUnderTest(
            new SqliteInventoryStore(database),
            new SqliteChangeFeed(database),
            new SqliteReportedLevelStore(database),
            () =>
            {
                database.Dispose();
                file.Dispose();
                return ValueTask.CompletedTask;
            }));
    }
}
