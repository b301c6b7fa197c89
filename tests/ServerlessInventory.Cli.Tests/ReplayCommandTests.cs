using Microsoft.Data.Sqlite;
using ServerlessInventory.Testing.Emulators;
using Shouldly;
using Xunit;

namespace ServerlessInventory.Cli.Tests;

/// <summary>si-ops replay end to end: a master loaded by si-ops, rebuilt in a fresh SQLite file and in Cosmos DB (stand-in).</summary>
public sealed class ReplayCommandTests(CosmosStandIn cosmos) : IDisposable
{
    private const int Rows = 2_000;
    private readonly Workspace _workspace = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Replay_SqliteToFreshSqlite_RebuildsEverySkuAndVerificationPasses()
    {
        var source = await LoadedSourceAsync();
        var target = _workspace.PathOf("target.db");

        var run = await OpsRun.RunAsync(["replay", "--from", "sqlite:" + source, "--to", "sqlite:" + target], Cancellation);

        run.ExitCode.ShouldBe(ExitCodes.Success, run.Output);
        run.Output.ShouldContain($"{Rows / 3 + 1} SKU(s): {Rows + Rows / 7} ledger entries copied");
        run.Output.ShouldContain("0 difference(s)");
        (await Workspace.StateOfAsync(target, Cancellation)).ShouldBe(await Workspace.StateOfAsync(source, Cancellation));
    }

    [Fact]
    public async Task Replay_RunAgain_CopiesNothingAndStillVerifies()
    {
        var source = await LoadedSourceAsync();
        var target = _workspace.PathOf("target.db");
        (await OpsRun.RunAsync(["replay", "--from", "sqlite:" + source, "--to", "sqlite:" + target], Cancellation)).ExitCode.ShouldBe(ExitCodes.Success);

        var again = await OpsRun.RunAsync(["replay", "--from", "sqlite:" + source, "--to", "sqlite:" + target], Cancellation);

        again.ExitCode.ShouldBe(ExitCodes.Success, again.Output);
        again.Output.ShouldContain(": 0 ledger entries copied");
    }

    [Fact]
    public async Task Replay_TamperedTarget_ReportsTheDifferenceAndExitsOne()
    {
        var source = await LoadedSourceAsync();
        var target = _workspace.PathOf("target.db");
        (await OpsRun.RunAsync(["replay", "--from", "sqlite:" + source, "--to", "sqlite:" + target], Cancellation)).ExitCode.ShouldBe(ExitCodes.Success);
        Tamper(target, "UPDATE positions SET on_hand = 999 WHERE sku = 'SKU-000007' AND location = 'store-1'");

        var run = await OpsRun.RunAsync(["replay", "--from", "sqlite:" + source, "--to", "sqlite:" + target], Cancellation);

        run.ExitCode.ShouldBe(ExitCodes.InvalidInputOrDifferences);
        run.Output.ShouldContain("1 difference(s)");
        run.Output.ShouldContain("differs: SKU-000007 @ store-1: source onHand 8,");
        run.Output.ShouldContain("target onHand 999,");
    }

    [Fact]
    public async Task Replay_SqliteToCosmos_RebuildsEverySkuAndVerificationPasses()
    {
        var source = await LoadedSourceAsync();
        var settings = _workspace.Write("cosmos.json", $$"""
            {
              "Cosmos": {
                "AccountEndpoint": "{{cosmos.Endpoint}}",
                "AccountKey": "{{cosmos.AccountKey}}",
                "ConnectionMode": "Gateway",
                "DatabaseName": "{{CosmosStandIn.UniqueName("replay")}}"
              }
            }
            """);

        var run = await OpsRun.RunAsync(["replay", "--from", "sqlite:" + source, "--to", "cosmos", "--settings", settings], Cancellation);

        run.ExitCode.ShouldBe(ExitCodes.Success, run.Output);
        run.Output.ShouldContain($"{Rows / 3 + 1} SKU(s): {Rows + Rows / 7} ledger entries copied to cosmos; 0 difference(s)");
    }

    [Fact]
    public async Task Replay_SameStoreBothSides_RefusedAsUsage()
    {
        var run = await OpsRun.RunAsync(["replay", "--from", "sqlite:a.db", "--to", "sqlite:a.db"], Cancellation);

        run.ExitCode.ShouldBe(ExitCodes.Usage);
        run.Output.ShouldContain("--to: must be another store than --from");
    }

    private async Task<string> LoadedSourceAsync()
    {
        var source = _workspace.PathOf("source.db");
        var load = await OpsRun.RunAsync(["load", _workspace.PositionsFile(Rows), "--database", source], Cancellation);
        load.ExitCode.ShouldBe(ExitCodes.Success, load.Output);
        return source;
    }

    private static void Tamper(string databasePath, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery().ShouldBe(1);
    }

    public void Dispose() => _workspace.Dispose();
}
