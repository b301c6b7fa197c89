using Microsoft.Extensions.DependencyInjection;
using ServerlessInventory.Cli.Composition;
using ServerlessInventory.Core.Application;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Events;
using ServerlessInventory.Core.Ports;
using ServerlessInventory.Testing;
using Shouldly;
using Xunit;

namespace ServerlessInventory.Cli.Tests;

/// <summary>si-ops reconcile over a real SQLite file: the same handler as the timer and the ops route.</summary>
public sealed class ReconcileCommandTests : IDisposable
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;
    private readonly Workspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    // web sells dc-1 with no allocation and no push URL (its pushes are logged); no settling window, so a change just
    // made is compared rather than counted in flight.
    private string Settings(string database) => _workspace.Write("settings.json", $$"""
        {
          "Sqlite": { "DatabasePath": "{{database.Replace("\\", "\\\\", StringComparison.Ordinal)}}" },
          "Catalog": { "Channels": { "web": { "Locations": [ "dc-1" ], "Secret": "web-secret" } } },
          "Reconciliation": { "SettlingWindow": "00:00:00" }
        }
        """);

    private static async Task ApplyAsync(string settings, InventoryEvent evt)
    {
        var configuration = OpsServices.Configuration(settings);
        await using var services = await OpsServices.BuildAsync(StoreLocation.Parse(null, configuration, "--store"), configuration, Cancellation, repositories: true);
        var outcome = (await services.GetRequiredService<ApplyEventsHandler>().HandleAsync([evt], Cancellation)).ShouldHaveSingleItem();
        outcome.Disposition.ShouldBe(EventDisposition.Applied);
    }

    [Fact]
    public async Task Reconcile_ChannelReportsLessThanTheMasterNeverPushed_IsMissedPushCorrectedAndReported()
    {
        var database = _workspace.PathOf("master.db");
        var settings = Settings(database);
        var sku = EventFactory.NewSku();
        await ApplyAsync(settings, EventFactory.Received(sku, "dc-1", 10));
        await ApplyAsync(settings, new LevelReported(new EventId("lvl-1"), new ChannelId("web"), EventFactory.Epoch, sku, null, new ChannelId("web"), 4));

        var run = await OpsRun.RunAsync(["reconcile", "--channel", "web", "--settings", settings], Cancellation);

        run.ExitCode.ShouldBe(ExitCodes.Success, run.Output);
        run.Output.ShouldContain("1 run(s); 0 discrepancy(ies) raised for review");
        var configuration = OpsServices.Configuration(settings);
        await using var services = await OpsServices.BuildAsync(StoreLocation.Parse(null, configuration, "--store"), configuration, Cancellation, repositories: true);
        var stored = (await services.GetRequiredService<IReconciliationReportStore>().ListRunsAsync(new ChannelId("web"), 10, null, Cancellation)).Items.ShouldHaveSingleItem();
        stored.ShouldSatisfyAllConditions(
            r => r.Status.ShouldBe(RunStatus.Completed),
            r => r.SkusCompared.ShouldBe(1),
            r => r.MissedPush.ShouldBe(1),
            r => r.AutoCorrected.ShouldBe(1),
            r => r.VarianceUnits.ShouldBe(6));
        run.Output.ShouldContain(stored.RunId);
    }

    [Fact]
    public async Task Reconcile_ChannelNotInTheCatalog_IsAUsageErrorNamingTheOption()
    {
        var database = _workspace.PathOf("master.db");
        var settings = Settings(database);

        var run = await OpsRun.RunAsync(["reconcile", "--channel", "nowhere", "--settings", settings], Cancellation);

        run.ExitCode.ShouldBe(ExitCodes.Usage);
        run.Output.ShouldContain("--channel");
    }
}
