using Microsoft.Data.Sqlite;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Testing;
using Shouldly;
using Xunit;
using static ServerlessInventory.Testing.EventFactory;

namespace ServerlessInventory.Adapters.Sqlite.Tests;

public sealed class SqliteDatabaseTests : IDisposable
{
    private readonly TempDatabase _file = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Open_NewFile_CreatesSchemaInWalMode()
    {
        using var database = _file.Open();
        var store = new SqliteInventoryStore(database);

        await store.LoadAsync(NewSku(), SnapshotRequest.None, Cancellation);

        using var connection = new SqliteConnection($"Data Source={_file.Path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        command.ExecuteScalar().ShouldBe("wal");
    }

    [Fact]
    public async Task Reopen_AfterCommits_KeepsEverythingCommitted()
    {
        var sku = NewSku();
        using (var first = _file.Open(SqliteDurability.Full))
        using (var core = new CoreHarness(new SqliteInventoryStore(first)))
        {
            await core.Apply.HandleAsync([Received(sku, "dc-1", 9), Sale(sku, "dc-1", 2)], Cancellation);
        }

        using var second = _file.Open();
        var snapshot = await new SqliteInventoryStore(second).LoadAsync(sku, SnapshotRequest.None, Cancellation);

        snapshot.Version.ShouldBe(1);
        snapshot.Positions.Single().OnHand.ShouldBe(7);
    }

    [Fact]
    public async Task TwoDatabaseObjectsOnOneFile_CommitConcurrently_EachEventAppliedOnce()
    {
        // Two instances stand for two processes: they share no in-process gate, only SQLite's file lock.
        var sku = NewSku();
        using var one = _file.Open();
        using var two = _file.Open();
        using var coreOne = new CoreHarness(new SqliteInventoryStore(one));
        using var coreTwo = new CoreHarness(new SqliteInventoryStore(two));
        var events = Enumerable.Range(0, 40).Select(_ => Received(sku, "dc-1", 1)).ToList();

        await Task.WhenAll(
            Task.Run(async () => { foreach (var e in events) { await coreOne.Apply.HandleAsync([e], Cancellation); } }, Cancellation),
            Task.Run(async () => { foreach (var e in events) { await coreTwo.Apply.HandleAsync([e], Cancellation); } }, Cancellation));

        var snapshot = await new SqliteInventoryStore(one).LoadAsync(sku, SnapshotRequest.None, Cancellation);
        snapshot.Positions.Single().OnHand.ShouldBe(40);
    }

    public void Dispose() => _file.Dispose();
}
