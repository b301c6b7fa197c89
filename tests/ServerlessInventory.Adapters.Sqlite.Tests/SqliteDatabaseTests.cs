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

    [Fact]
    public async Task WriteGrouped_WritesQueuedBehindABusyWriter_ShareOneTransaction()
    {
        using var database = _file.Open();
        using var release = new ManualResetEventSlim();
        var started = new TaskCompletionSource<SqliteTransaction>();
        var blocker = Task.Run(() => database.WriteGroupedAsync((_, transaction) =>
        {
            started.SetResult(transaction);
            release.Wait(Cancellation);
            return transaction;
        }, Cancellation), Cancellation);
        var blockerTransaction = await started.Task;

        var queued = Enumerable.Range(0, 5).Select(_ => database.WriteGroupedAsync((_, transaction) => transaction, Cancellation)).ToList();
        release.Set();
        var transactions = await Task.WhenAll(queued);

        (await blocker).ShouldBeSameAs(blockerTransaction);
        transactions.Distinct().Count().ShouldBe(1);
        transactions[0].ShouldNotBeSameAs(blockerTransaction);
    }

    [Fact]
    public async Task WriteGrouped_OneWriteOfTheGroupThrows_OnlyItsCallerFailsAndOnlyItsRowsAreRolledBack()
    {
        using var database = _file.Open();
        await database.WriteAsync((connection, transaction) => Execute(connection, transaction, "CREATE TABLE t (id INTEGER PRIMARY KEY)"), Cancellation);
        using var release = new ManualResetEventSlim();
        var started = new TaskCompletionSource();
        var blocker = Task.Run(() => database.WriteGroupedAsync((_, _) =>
        {
            started.SetResult();
            release.Wait(Cancellation);
            return 0;
        }, Cancellation), Cancellation);
        await started.Task;

        var first = database.WriteGroupedAsync((c, t) => Execute(c, t, "INSERT INTO t VALUES (1)"), Cancellation);
        var failing = database.WriteGroupedAsync<int>((c, t) =>
        {
            Execute(c, t, "INSERT INTO t VALUES (2)");
            throw new InvalidOperationException("refused");
        }, Cancellation);
        var third = database.WriteGroupedAsync((c, t) => Execute(c, t, "INSERT INTO t VALUES (3)"), Cancellation);
        release.Set();
        await blocker;

        (await first).ShouldBe(1);
        (await Should.ThrowAsync<InvalidOperationException>(failing)).Message.ShouldBe("refused");
        (await third).ShouldBe(1);
        database.Read((c, t) =>
        {
            using var command = c.CreateCommand();
            command.Transaction = t;
            command.CommandText = "SELECT group_concat(id) FROM (SELECT id FROM t ORDER BY id)";
            return command.ExecuteScalar();
        }).ShouldBe("1,3");
    }

    private static int Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    public void Dispose() => _file.Dispose();
}
