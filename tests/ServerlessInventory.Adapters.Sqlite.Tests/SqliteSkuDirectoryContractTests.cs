using ServerlessInventory.Core.Ports;
using ServerlessInventory.Testing;

namespace ServerlessInventory.Adapters.Sqlite.Tests;

/// <summary>The SKU directory contract on a real SQLite file per test.</summary>
public sealed class SqliteSkuDirectoryContractTests : SkuDirectoryContract
{
    protected override ValueTask<(IInventoryStore Store, ISkuDirectory Directory, Func<ValueTask> Dispose)> CreateAsync()
    {
        var file = new TempDatabase();
        var database = file.Open();
        return ValueTask.FromResult<(IInventoryStore, ISkuDirectory, Func<ValueTask>)>((
            new SqliteInventoryStore(database),
            new SqliteSkuDirectory(database),
            () =>
            {
                database.Dispose();
                file.Dispose();
                return ValueTask.CompletedTask;
            }));
    }
}
