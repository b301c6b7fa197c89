using ServerlessInventory.Adapters.Sqlite;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;
using ServerlessInventory.Core.Serialization;
using ServerlessInventory.Testing;
using Shouldly;
using Xunit;

namespace ServerlessInventory.Cli.Tests;

/// <summary>si-ops replay-dead-letters and replay-parked on the embedded store, through Core's ops handlers.</summary>
public sealed class OpsReplayCommandTests : IDisposable
{
    private readonly Workspace _workspace = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReplayDeadLetters_All_AppliesEachEventAndRemovesIt()
    {
        var database = _workspace.PathOf("master.db");
        var sku = EventFactory.NewSku();
        var received = EventFactory.Received(sku, "dc-1", 4);
        using (var db = new SqliteDatabase(new SqliteOptions { DatabasePath = database }))
        {
            await new SqliteDeadLetterStore(db).AddAsync(
                new DeadLetter("m-1", sku, InventoryEventJson.Serialize(received), "MaxDeliveryCountExceeded", null, 10, EventFactory.Epoch), Cancellation);
        }

        var run = await OpsRun.RunAsync(["replay-dead-letters", "--all", "--database", database], Cancellation);

        run.ExitCode.ShouldBe(ExitCodes.Success, run.Output);
        run.Output.ShouldContain("1 of 1 dead letter(s) replayed");
        using var after = new SqliteDatabase(new SqliteOptions { DatabasePath = database });
        (await new SqliteDeadLetterStore(after).GetAsync("m-1", Cancellation)).ShouldBeNull();
        var snapshot = await new SqliteInventoryStore(after).LoadAsync(sku, new SnapshotRequest([received.Key], []), Cancellation);
        snapshot.AppliedEvents.ShouldContain(received.Key);
        snapshot.Positions.Single().OnHand.ShouldBe(4);
    }

    [Fact]
    public async Task ReplayParked_ChannelNoLongerConfigured_StillInvalidWithReasonAndExitOne()
    {
        var database = _workspace.PathOf("master.db");
        using (var db = new SqliteDatabase(new SqliteOptions { DatabasePath = database }))
        {
            await new SqliteParkedEventStore(db).ParkAsync(
                [new ParkedEvent("p-1", new ChannelId("gone"), "e-1", "data.sku", "unknown SKU", "{}", EventFactory.Epoch)], Cancellation);
        }

        var run = await OpsRun.RunAsync(["replay-parked", "p-1", "--database", database], Cancellation);

        run.ExitCode.ShouldBe(ExitCodes.InvalidInputOrDifferences);
        run.Output.ShouldContain("parked event p-1: StillInvalid: channel: channel 'gone' is no longer configured");
    }

    [Fact]
    public async Task ReplayParked_OnCosmos_RefusedAsUsage()
    {
        var run = await OpsRun.RunAsync(["replay-parked", "--all", "--store", "cosmos"], Cancellation);

        run.ExitCode.ShouldBe(ExitCodes.Usage);
        run.Output.ShouldContain("works on the embedded store only");
    }

    public void Dispose() => _workspace.Dispose();
}
