using Shouldly;
using Xunit;

namespace ServerlessInventory.Cli.Tests;

/// <summary>si-ops load end to end on a real SQLite file, run in-process through its CommandApp.</summary>
public sealed class LoadCommandTests : IDisposable
{
    private const int Rows = 10_000;
    private readonly Workspace _workspace = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Load_TenThousandRows_EveryRowCountedAndLedgered()
    {
        var file = _workspace.PositionsFile(Rows);
        var database = _workspace.PathOf("master.db");

        var run = await OpsRun.RunAsync(["load", file, "--database", database], Cancellation);

        run.ExitCode.ShouldBe(ExitCodes.Success, run.Output);
        var unsellableRows = Rows / 7;
        run.Output.ShouldContain($"{Rows} row(s): {Rows + unsellableRows} event(s) applied, 0 already applied (duplicates), 0 rejected");
        var state = await Workspace.StateOfAsync(database, Cancellation);
        // Line 8 is row 7: SKU-000007 at store-1, onHand 8 of which 1 unsellable, counted and put on hold in one commit.
        var sku7 = state.Split('\n').Single(l => l.StartsWith("SKU-000007 ", StringComparison.Ordinal));
        sku7.ShouldStartWith("SKU-000007 v1: ");
        sku7.ShouldContain("Location = store-1, OnHand = 8, Unsellable = 1,");
        (await Workspace.SkuCountAsync(database, Cancellation)).ShouldBe(Rows / 3 + 1);
    }

    [Fact]
    public async Task Load_SameFileTwice_SecondChangesNothing()
    {
        var file = _workspace.PositionsFile(Rows);
        var database = _workspace.PathOf("master.db");
        (await OpsRun.RunAsync(["load", file, "--database", database], Cancellation)).ExitCode.ShouldBe(ExitCodes.Success);
        var afterFirst = await Workspace.StateOfAsync(database, Cancellation);

        var second = await OpsRun.RunAsync(["load", file, "--database", database, "--as-of", "2030-01-01T00:00:00Z"], Cancellation);

        second.ExitCode.ShouldBe(ExitCodes.Success, second.Output);
        second.Output.ShouldContain("0 event(s) applied");
        (await Workspace.StateOfAsync(database, Cancellation)).ShouldBe(afterFirst);
    }

    [Fact]
    public async Task Load_CancelledHalfWayThenRunAgain_EndsInTheStateOfOneUninterruptedLoad()
    {
        var file = _workspace.PositionsFile(Rows);
        var interrupted = _workspace.PathOf("interrupted.db");
        var straight = _workspace.PathOf("straight.db");
        string[] asOf = ["--as-of", "2026-11-01T09:00:00Z", "--appliers", "1", "--chunk-rows", "500"];

        using var cut = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        var first = OpsRun.RunAsync(["load", file, "--database", interrupted, .. asOf], cut.Token);
        while (!first.IsCompleted && (!File.Exists(interrupted) || await Workspace.SkuCountAsync(interrupted, Cancellation) < Rows / 6))
        {
            await Task.Delay(20, Cancellation);
        }
        await cut.CancelAsync();
        var cancelled = await first;
        cancelled.ExitCode.ShouldBe(ExitCodes.Cancelled, cancelled.Output);
        (await Workspace.SkuCountAsync(interrupted, Cancellation)).ShouldBeLessThan(Rows / 3 + 1);

        var resumed = await OpsRun.RunAsync(["load", file, "--database", interrupted, .. asOf], Cancellation);
        (await OpsRun.RunAsync(["load", file, "--database", straight, .. asOf], Cancellation)).ExitCode.ShouldBe(ExitCodes.Success);

        resumed.ExitCode.ShouldBe(ExitCodes.Success, resumed.Output);
        resumed.Output.ShouldNotContain(" 0 already applied");
        (await Workspace.StateOfAsync(interrupted, Cancellation)).ShouldBe(await Workspace.StateOfAsync(straight, Cancellation));
    }

    [Fact]
    public async Task Load_BadRows_EachReasonNamedWithItsLineAndNothingWritten()
    {
        var file = _workspace.Write("bad.csv", """
            sku,location,onHand,unsellable,safetyStock,incoming
            SKU-1,store-1,5,0,0,0
            SKU-2,store-1,-1,0,0,0
            SKU-3,,4,0,0,0
            SKU-4,store-1,2,3,0,0
            SKU-5,store-1,2,0,7,0
            SKU-6,store-1,2,0,0,9
            SKU-7,store-1,2
            SKU-8,store-1,,0,0,0
            """);
        var database = _workspace.PathOf("master.db");

        var run = await OpsRun.RunAsync(["load", file, "--database", database], Cancellation);

        run.ExitCode.ShouldBe(ExitCodes.InvalidInputOrDifferences);
        run.Output.ShouldContain($"{file}:3: onHand: '-1' is not a whole number");
        run.Output.ShouldContain($"{file}:4: location: is required");
        run.Output.ShouldContain($"{file}:5: unsellable: 3 is more than onHand 2");
        run.Output.ShouldContain($"{file}:6: safetyStock: is configuration");
        run.Output.ShouldContain($"{file}:7: incoming: units in transit come from transfer events");
        run.Output.ShouldContain($"{file}:8: row: has 3 fields, the header 6");
        run.Output.ShouldContain($"{file}:9: onHand: is required");
        run.Output.ShouldContain("7 bad row(s)");
        File.Exists(database).ShouldBeFalse();
    }

    [Fact]
    public async Task Load_UnknownColumn_RefusedByName()
    {
        var file = _workspace.Write("extra.csv", "sku,location,onHand,colour\nSKU-1,store-1,5,red\n");

        var run = await OpsRun.RunAsync(["load", file, "--database", _workspace.PathOf("master.db")], Cancellation);

        run.ExitCode.ShouldBe(ExitCodes.InvalidInputOrDifferences);
        run.Output.ShouldContain($"{file}:1: colour: is not a column of a positions file");
    }

    [Fact]
    public async Task Load_DryRun_ValidatesAndWritesNothing()
    {
        var file = _workspace.PositionsFile(100);
        var database = _workspace.PathOf("master.db");

        var run = await OpsRun.RunAsync(["load", file, "--database", database, "--dry-run"], Cancellation);

        run.ExitCode.ShouldBe(ExitCodes.Success, run.Output);
        run.Output.ShouldContain("100 row(s) valid (dry run: nothing written)");
        File.Exists(database).ShouldBeFalse();
    }

    [Fact]
    public async Task Load_MissingFile_UsageErrorNamingIt()
    {
        var run = await OpsRun.RunAsync(["load", _workspace.PathOf("absent.csv")], Cancellation);

        run.ExitCode.ShouldBe(ExitCodes.Usage);
        run.Output.ShouldContain("absent.csv: no such file");
    }

    public void Dispose() => _workspace.Dispose();
}
