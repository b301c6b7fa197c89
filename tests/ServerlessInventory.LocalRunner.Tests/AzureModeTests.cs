using System.Net;
using ServerlessInventory.LocalRunner.Tests.Support;

namespace ServerlessInventory.LocalRunner.Tests;

/// <summary>
/// The runner's Azure mode end to end: the same webhooks, reservations and pushes as the embedded default, with the
/// master on the Cosmos DB stand-in (its change feed processor driving the pushes) and the repositories on Azurite.
/// </summary>
public sealed class AzureModeTests(AzureModeRunnerFixture fixture) : IClassFixture<AzureModeRunnerFixture>
{
    private const string Store = "store-1";
    private static readonly string[] _sellingChannels = ["pos", "web", "wholesale"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Webhook_EventsAppliedOnCosmos_LedgerInventoryAndDuplicatesAsEmbedded()
    {
        var sku = Unique.Sku("AZ-APPLY");
        var events = new[]
        {
            CloudEvents.Received(Unique.Id("recv"), "pos", sku, Store, 12),
            CloudEvents.Sale(Unique.Id("sale"), "pos", sku, Store, 5),
            CloudEvents.Damaged(Unique.Id("dmg"), "pos", sku, Store, 1),
        };

        var first = await fixture.Api.SendEventsAsync("pos", events, Ct);
        var ledger = await fixture.Runner.WaitForAppliedAsync(sku, [.. first.Accepted], Ct);
        var again = await fixture.Api.SendEventsAsync("pos", events, Ct);

        first.Accepted.Count.ShouldBe(3);
        ledger.Count.ShouldBe(3);
        var position = (await fixture.Api.GetInventoryAsync(sku, Ct)).Locations.ShouldHaveSingleItem();
        position.OnHand.ShouldBe(7);
        position.Unsellable.ShouldBe(1);
        position.AvailableToSell.ShouldBe(6);
        // The local topic reports what it already holds; either way nothing is applied twice.
        (again.Accepted.Count + again.Duplicates.Count).ShouldBe(3);
        // Applied after everything sent before it (one session per SKU, in order): once it is in the ledger, any
        // resent event that was going to apply has, so the ledger and onHand show whether one applied twice.
        var sentinel = Unique.Id("sentinel");
        await fixture.Runner.SendAndWaitAsync("pos", sku, Ct, CloudEvents.Received(sentinel, "pos", sku, Store, 1));
        (await fixture.Api.GetLedgerAsync(sku, Ct)).Select(e => e.EventId).ShouldBe([sentinel, .. first.Accepted.Reverse()]);
        (await fixture.Api.GetInventoryAsync(sku, Ct)).At(Store).OnHand.ShouldBe(7 + 1);
    }

    [Fact]
    public async Task Webhook_TwoChannelsSendTheSameIdOnCosmos_BothApplied()
    {
        var sku = Unique.Sku("AZ-ID");
        var id = Unique.Id("1001");

        await fixture.Runner.SendAndWaitAsync("pos", sku, Ct, CloudEvents.Received(id, "pos", sku, Store, 4));
        var fromWeb = await fixture.Api.SendEventAsync("web", CloudEvents.Received(id, "web", sku, "dc-1", 7), Ct);
        var sentinel = Unique.Id("sentinel");
        await fixture.Runner.SendAndWaitAsync("web", sku, Ct, CloudEvents.Received(sentinel, "web", sku, "dc-1", 1));

        fromWeb.Accepted.ShouldBe([id]);
        (await fixture.Api.GetLedgerAsync(sku, Ct)).Select(e => (e.EventId, Source: e.Event.GetProperty("source").GetString()))
            .ShouldBe([(sentinel, "web"), (id, "web"), (id, "pos")]);
        (await fixture.Api.GetInventoryAsync(sku, Ct)).At("dc-1").OnHand.ShouldBe(7 + 1);
    }

    [Fact]
    public async Task Reservation_AgainstCosmosMaster_HoldsStockAndRefusesBeyondIt()
    {
        var sku = Unique.Sku("AZ-RESERVE");
        await fixture.Runner.SendAndWaitAsync("pos", sku, Ct, CloudEvents.Received(Unique.Id("recv"), "pos", sku, Store, 3));

        using var granted = await fixture.Api.ReserveRawAsync(new ReserveRequest(sku, 3, "pos", Store), Ct);
        using var refused = await fixture.Api.ReserveRawAsync(new ReserveRequest(sku, 1, "pos", Store), Ct);

        granted.StatusCode.ShouldBe(HttpStatusCode.Created);
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await fixture.Api.GetInventoryAsync(sku, Ct)).Locations.ShouldHaveSingleItem().Reserved.ShouldBe(3);
    }

    [Fact]
    public async Task ChangeFeed_AfterApply_PushesTheApiValueToEveryChannel()
    {
        var sku = Unique.Sku("AZ-PUSH");
        await fixture.Runner.SendAndWaitAsync("wholesale", sku, Ct, CloudEvents.Received(Unique.Id("recv"), "wholesale", sku, "dc-1", 50));

        await Eventually.UntilAsync(
            "pos, web and wholesale each got a push for the SKU equal to GET /api/availability",
            async ct =>
            {
                var mismatches = new List<string>();
                foreach (var channel in _sellingChannels)
                {
                    var expected = await fixture.Api.GetAvailableAsync(channel, sku, ct);
                    var last = fixture.Receiver!.Pushes.LastOrDefault(p => p.Channel == channel && p.Sku == sku);
                    if (last?.Available != expected)
                    {
                        mismatches.Add($"{channel}: api {expected}, last push {last?.Available}");
                    }
                }
                return mismatches;
            },
            mismatches => mismatches.Count == 0,
            Ct,
            diagnostics: () => "runner output:\n" + fixture.Runner.Output);

        fixture.Receiver!.Pushes.Where(p => p.Sku == sku).ShouldAllBe(p => p.SignatureValid);
    }

    [Fact]
    public async Task Webhook_InvalidEvent_ParkedInTablesAndListedByOps()
    {
        var sku = Unique.Sku("AZ-PARK");
        var bad = CloudEvents.Sale(Unique.Id("bad"), "pos", sku, Store, 0);

        var answer = await fixture.Api.SendEventsAsync("pos", [bad], Ct);

        answer.Parked.ShouldHaveSingleItem().Reason.ShouldContain("quantity");
        (await fixture.Api.ListParkedAsync(Ct)).ShouldContain(p => p.EventId == bad["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Reconcile_OnCosmosAndTables_ChannelBelowItsAcknowledgedValueRaisedForReviewAndAcceptedIntoTheMaster()
    {
        var sku = Unique.Sku("AZ-RECON");
        await fixture.Runner.SendAndWaitAsync("web", sku, Ct, CloudEvents.Received(Unique.Id("recv"), "web", sku, "dc-1", 30));
        var expected = await fixture.Api.GetAvailableAsync("web", sku, Ct);
        var acknowledged = (await Eventually.UntilAsync(
            $"web accepted {expected} for {sku}",
            _ => Task.FromResult(fixture.Receiver!.Pushes.LastOrDefault(p => p.Channel == "web" && p.Sku == sku && p.Accepted)),
            push => push?.Available == expected,
            Ct))!;
        // Counted a moment after the push reached it: the runner records the delivery just after the receiver answered.
        await fixture.Runner.SendAndWaitAsync("web", sku, Ct,
            ReconciliationApi.LevelReported(Unique.Id("level"), "web", sku, null, acknowledged.Available - 2, DateTimeOffset.UtcNow.AddSeconds(1)));

        var report = await fixture.Runner.RunToEndAsync("web", Ct);
        using var resolved = await fixture.Api.ResolveRawAsync(report.Run.RunId, sku, "accept_channel", Ct);

        var found = report.Of(sku).ShouldNotBeNull();
        (found.LikelyCause, found.Action, found.Difference).ShouldBe(("missed_event", "raised_for_review", -2));
        resolved.StatusCode.ShouldBe(HttpStatusCode.OK, await resolved.Content.ReadAsStringAsync(Ct));
        await fixture.Runner.WaitForAppliedAsync(sku, $"reconciliation-{report.Run.RunId}-{sku}", Ct);
        (await fixture.Api.GetInventoryAsync(sku, Ct)).At("dc-1").OnHand.ShouldBe(30 - 2);
    }
}
