using Microsoft.Data.Sqlite;
using ServerlessInventory.LocalRunner.Tests.Support;

namespace ServerlessInventory.LocalRunner.Tests;

/// <summary>An accepted event is durable: a runner killed without warning applies it after it is started again.</summary>
public sealed class CrashRecoveryTests
{
    private const string Store = "store-1";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Runner_HardKilledRightAfter202ForABatch_AppliesAllHundredEventsAfterRestart()
    {
        // One session at a time, one message per delivery (host.json's maxConcurrentSessions / maxMessageBatchSize): the
        // batch then takes long enough to apply that the kill lands while most of it is still in the topic.
        var settings = RunnerSettings.Defaults();
        settings["LocalRunner:MaxConcurrentSessions"] = "1";
        settings["LocalRunner:MaxMessageBatchSize"] = "1";
        await using var runner = await LocalRunnerProcess.StartAsync(settings, Ct);
        var skus = Enumerable.Range(1, 4).Select(i => Unique.Sku($"CRASH-{i}")).ToList();
        var batch = Enumerable.Range(0, 100).Select(i => (Id: Unique.Id("crash"), Sku: skus[i % skus.Count], Quantity: 1 + (i % 3))).ToList();

        var accepted = await runner.Api.SendEventsAsync("pos", [.. batch.Select(e => CloudEvents.Received(e.Id, "pos", e.Sku, Store, e.Quantity))], Ct);
        runner.Kill();

        accepted.Accepted.Count.ShouldBe(100);
        accepted.Duplicates.ShouldBeEmpty();
        accepted.Parked.ShouldBeEmpty();

        TestContext.Current.TestOutputHelper?.WriteLine($"when the runner was killed: {DescribeDatabase(runner.DatabasePath)}");

        await runner.RestartAsync(Ct);

        foreach (var sku in skus)
        {
            var ours = batch.Where(e => e.Sku == sku).ToList();
            // Sent after the restart, applied after everything of the SKU still in the topic: once it is in, nothing is left.
            var sentinelId = Unique.Id("sentinel");
            await runner.SendAndWaitAsync("pos", sku, Ct, CloudEvents.Received(sentinelId, "pos", sku, Store, 1));
            await runner.WaitForAppliedAsync(sku, [.. ours.Select(e => e.Id)], Ct);

            var ledger = await runner.Api.GetLedgerAsync(sku, Ct);
            ledger.Select(e => e.EventId).Order(StringComparer.Ordinal)
                .ShouldBe(ours.Select(e => e.Id).Append(sentinelId).Order(StringComparer.Ordinal), "each event applied exactly once");
            (await runner.Api.GetInventoryAsync(sku, Ct)).At(Store).OnHand.ShouldBe(ours.Sum(e => e.Quantity) + 1);
        }
    }

    /// <summary>
    /// For the test's output only (never asserted, so the adapter's schema stays free to change): how much of the batch
    /// the killed runner had applied, read from its database file.
    /// </summary>
    private static string DescribeDatabase(string path)
    {
        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT (SELECT COUNT(*) FROM ledger), (SELECT COUNT(*) FROM topic_messages WHERE state = 0)";
            using var reader = command.ExecuteReader();
            reader.Read();
            return $"{reader.GetInt64(0)} ledger entries, {reader.GetInt64(1)} topic messages unsettled";
        }
        catch (SqliteException unreadable)
        {
            return $"(database not readable: {unreadable.Message})";
        }
    }
}
