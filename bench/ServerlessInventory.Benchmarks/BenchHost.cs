using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ServerlessInventory.Adapters.Channels;
using ServerlessInventory.Adapters.Sqlite;
using ServerlessInventory.Core.Application;

namespace ServerlessInventory.Benchmarks;

/// <summary>
/// Core's handlers over a fresh SQLite store file, wired by the product's own DI registrations (as the
/// local runner does), with the real clock and Core's default options: what is measured is what ships.
/// </summary>
internal sealed class BenchHost : IDisposable
{
    private readonly ServiceProvider _provider;

    public BenchHost(string databasePath)
    {
        DatabasePath = databasePath;
        DeleteDatabase(databasePath);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings(databasePath)).Build();
        _provider = new ServiceCollection()
            .AddSingleton(TimeProvider.System)
            .AddLogging()
            .AddSqliteAdapters(configuration)
            .AddChannelPush(configuration)
            .AddInventoryCore(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public string DatabasePath { get; }

    public ApplyEventsHandler Apply => _provider.GetRequiredService<ApplyEventsHandler>();

    public SqliteDatabase Database => _provider.GetRequiredService<SqliteDatabase>();

    /// <summary>SQLite's own settings stay at the product defaults; only the path is the bench's.</summary>
    public static Dictionary<string, string?> Settings(string databasePath) => new()
    {
        ["Sqlite:DatabasePath"] = databasePath,
        ["Catalog:Channels:web:Locations:0"] = EventCycle.Dc.Value,
        ["Catalog:Channels:web:Locations:1"] = EventCycle.Store.Value,
        ["Catalog:Channels:pos:Locations:0"] = EventCycle.Store.Value,
    };

    public static void DeleteDatabase(string databasePath)
    {
        // Pooled connections keep the file open; release them before the files go.
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(databasePath + suffix);
        }
    }

    public void Dispose()
    {
        _provider.Dispose();
        DeleteDatabase(DatabasePath);
    }
}
