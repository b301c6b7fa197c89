using System.Text.Json;
using Shouldly;
using Xunit;

namespace ServerlessInventory.Cli.Tests;

/// <summary>si-ops export end to end on a master loaded by si-ops.</summary>
public sealed class ExportCommandTests : IDisposable
{
    private readonly Workspace _workspace = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ExportPositions_Csv_OneLinePerPositionWithEveryQuantity()
    {
        var database = await LoadedAsync();
        var output = _workspace.PathOf("positions.csv");

        var run = await OpsRun.RunAsync(["export", "positions", "--database", database, "--output", output], Cancellation);

        run.ExitCode.ShouldBe(ExitCodes.Success, run.Output);
        var lines = await File.ReadAllLinesAsync(output, Cancellation);
        lines[0].ShouldBe("sku,location,onHand,unsellable,committed,reserved,safetyStock,incoming,availableToSell");
        lines.Length.ShouldBe(1 + 30);
        lines.ShouldContain("SKU-000007,store-1,8,1,0,0,0,0,7");
    }

    [Fact]
    public async Task ExportLedger_JsonLinesForASkuRange_OnlyThoseSkusOldestFirst()
    {
        var database = await LoadedAsync();
        var output = _workspace.PathOf("ledger.jsonl");

        var run = await OpsRun.RunAsync(["export", "ledger", "--format", "jsonl", "--from-sku", "SKU-000003", "--to-sku", "SKU-000004", "--database", database, "--output", output], Cancellation);

        run.ExitCode.ShouldBe(ExitCodes.Success, run.Output);
        var events = (await File.ReadAllLinesAsync(output, Cancellation))
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("event"))
            .Select(e => (Sku: e.GetProperty("subject").GetString(), Id: e.GetProperty("id").GetString()))
            .ToList();
        events.Select(e => e.Sku).Distinct().ShouldBe(["SKU-000003", "SKU-000004"]);
        // Rows 3, 14 and 25 (lines 4, 15, 26) are SKU-000003; row 14 has an unsellable unit, put on hold after its count.
        events.Where(e => e.Sku == "SKU-000003").Select(e => e.Id!.Split('-', 4)[3])
            .ShouldBe(["4", "15", "15-unsellable", "26"]);
        events.Count.ShouldBe(7);
    }

    private async Task<string> LoadedAsync()
    {
        var database = _workspace.PathOf("master.db");
        (await OpsRun.RunAsync(["load", _workspace.PositionsFile(30), "--database", database], Cancellation)).ExitCode.ShouldBe(ExitCodes.Success);
        return database;
    }

    public void Dispose() => _workspace.Dispose();
}
