using System.Globalization;
using System.Text;
using ServerlessInventory.Adapters.Sqlite;
using ServerlessInventory.Cli.Export;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Cli.Tests;

/// <summary>A temporary folder with the files a test writes (CSV, SQLite databases), removed afterwards.</summary>
internal sealed class Workspace : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("si-ops-").FullName;

    public string PathOf(string name) => Path.Combine(_folder, name);

    /// <summary>A positions file of <paramref name="rows"/> rows over fewer SKUs and three locations, every 7th with unsellable units.</summary>
    public string PositionsFile(int rows, string name = "positions.csv")
    {
        var text = new StringBuilder("sku,location,onHand,unsellable\n");
        for (var i = 1; i <= rows; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"SKU-{i % (rows / 3 + 1):D6},store-{i % 3},{i % 50 + 1},{(i % 7 == 0 ? 1 : 0)}\n");
        }
        File.WriteAllText(PathOf(name), text.ToString());
        return PathOf(name);
    }

    public string Write(string name, string content)
    {
        File.WriteAllText(PathOf(name), content);
        return PathOf(name);
    }

    /// <summary>Every SKU's positions, active reservations and ledger ids in the database, as comparable text.</summary>
    public static async Task<string> StateOfAsync(string databasePath, CancellationToken cancellationToken)
    {
        using var database = new SqliteDatabase(new SqliteOptions { DatabasePath = databasePath });
        var store = new SqliteInventoryStore(database);
        var state = new StringBuilder();
        await foreach (var sku in SkuRange.All.WalkAsync(new SqliteSkuDirectory(database), cancellationToken))
        {
            var snapshot = await store.LoadAsync(sku, SnapshotRequest.None, cancellationToken);
            var ledger = await ExportCommand.LedgerInAppliedOrderAsync(store, sku, cancellationToken);
            state.Append(CultureInfo.InvariantCulture, $"{sku} v{snapshot.Version}: ");
            state.AppendJoin("; ", snapshot.Positions.OrderBy(p => p.Location.Value, StringComparer.Ordinal));
            state.Append(" | ").AppendJoin(",", ledger.Select(e => e.EventId.Value)).Append('\n');
        }
        return state.ToString();
    }

    public static async Task<int> SkuCountAsync(string databasePath, CancellationToken cancellationToken)
    {
        using var database = new SqliteDatabase(new SqliteOptions { DatabasePath = databasePath });
        var count = 0;
        await foreach (var _ in SkuRange.All.WalkAsync(new SqliteSkuDirectory(database), cancellationToken))
        {
            count++;
        }
        return count;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
