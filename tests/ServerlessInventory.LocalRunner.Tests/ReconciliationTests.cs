using ServerlessInventory.LocalRunner.Tests.Support;

namespace ServerlessInventory.LocalRunner.Tests;

/// <summary>
/// Reconciliation end to end: channels report what they show through their webhook, a run is asked for over the ops
/// route, and its corrections reach a real push receiver. No settling window here, so a run decides at once.
/// </summary>
public sealed class ReconciliationTests(ReconciliationRunnerFixture fixture) : IClassFixture<ReconciliationRunnerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reconcile_ReceiverDownForAChangeThenReportsTheOldValue_AutoCorrectedUnderAHigherVersion()
    {
        var receiver = fixture.Receiver!;
        var sku = Unique.Sku("RC-DOWN");
        await fixture.Runner.SendAndWaitAsync("wholesale", sku, Ct, CloudEvents.Received(Unique.Id("recv"), "wholesale", sku, "dc-1", 20));
        var shown = await AcceptedPushAsync("web", sku);
        var shownAt = DateTimeOffset.UtcNow;
        receiver.Down("web");
        await fixture.Runner.SendAndWaitAsync("wholesale", sku, Ct, CloudEvents.Received(Unique.Id("recv"), "wholesale", sku, "dc-1", 30));
        await Eventually.UntilAsync("web refused the change while down",
            _ => Task.FromResult(receiver.Pushes.Any(p => p.Channel == "web" && p.Sku == sku && p.Status == 503)), refused => refused, Ct);
        receiver.Up("web");

        // Back up, web reports what it showed before the change it missed.
        await ReportAsync("web", sku, shown.Available, shownAt);
        var master = await fixture.Api.GetAvailableAsync("web", sku, Ct);
        master.ShouldNotBe(shown.Available, "the change web missed moved its availability");
        var versionBefore = receiver.Pushes.Where(p => p.Channel == "web" && p.Sku == sku).Max(p => p.Version);
        var report = await fixture.Runner.RunToEndAsync("web", Ct);

        var found = report.Of(sku).ShouldNotBeNull();
        found.LikelyCause.ShouldBeOneOf("stale_channel", "missed_push");
        found.Action.ShouldBe("repushed");
        (found.MasterValue, found.ChannelValue).ShouldBe((master, shown.Available));
        found.CorrectionVersion.ShouldNotBeNull().ShouldBeGreaterThan(versionBefore);
        await Eventually.UntilAsync(
            "web accepted the master value under a version above every earlier one",
            _ => Task.FromResult(receiver.Pushes.LastOrDefault(p => p.Channel == "web" && p.Sku == sku && p.Accepted && p.Version > versionBefore)),
            push => push?.Available == master,
            Ct,
            diagnostics: () => "runner output:\n" + fixture.Runner.Output);
    }

    [Fact]
    public async Task Reconcile_ChannelReportsThreeBelowItsAcknowledgedValue_MissedEventForReviewAndAcceptingTheChannelAdjustsTheMaster()
    {
        var receiver = fixture.Receiver!;
        var sku = Unique.Sku("RC-SOLD");
        await fixture.Runner.SendAndWaitAsync("wholesale", sku, Ct, CloudEvents.Received(Unique.Id("recv"), "wholesale", sku, "dc-1", 50));
        var acknowledged = await AcceptedPushAsync("web", sku);
        var wholesaleBefore = await AcceptedPushAsync("wholesale", sku);

        // Counted a moment after the push reached it: the runner records the delivery just after the receiver answered.
        await ReportAsync("web", sku, acknowledged.Available - 3, DateTimeOffset.UtcNow.AddSeconds(1));
        var report = await fixture.Runner.RunToEndAsync("web", Ct);

        var found = report.Of(sku).ShouldNotBeNull();
        found.LikelyCause.ShouldBe("missed_event");
        found.Action.ShouldBe("raised_for_review");
        found.Difference.ShouldBe(-3);
        found.CorrectionVersion.ShouldBeNull();
        receiver.Pushes.Where(p => p.Channel == "web" && p.Sku == sku).Max(p => p.Version).ShouldBe(acknowledged.Version, "nothing was pushed to web");

        using var resolved = await fixture.Api.ResolveRawAsync(report.Run.RunId, sku, "accept_channel", Ct);
        resolved.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK, await resolved.Content.ReadAsStringAsync(Ct));
        await fixture.Runner.WaitForAppliedAsync(sku, $"reconciliation-{report.Run.RunId}-{sku}", Ct);
        (await fixture.Api.GetInventoryAsync(sku, Ct)).At("dc-1").OnHand.ShouldBe(50 - 3);
        var wholesaleNow = await fixture.Api.GetAvailableAsync("wholesale", sku, Ct);
        wholesaleNow.ShouldBeLessThan(wholesaleBefore.Available);
        await Eventually.UntilAsync(
            "wholesale is pushed the value after the adjustment",
            _ => Task.FromResult(receiver.Pushes.LastOrDefault(p => p.Channel == "wholesale" && p.Sku == sku && p.Accepted)),
            push => push?.Available == wholesaleNow && push.Version > wholesaleBefore.Version,
            Ct,
            diagnostics: () => "runner output:\n" + fixture.Runner.Output);
        (await fixture.Runner.Api.GetRunAsync(report.Run.RunId, Ct)).Of(sku)!.Review.ShouldNotBeNull().Resolution.ShouldBe("accept_channel");
    }

    [Fact]
    public async Task Reconcile_OfferedSkuWebNeverReportedNorAcknowledged_MissedPushDeliveredThroughThePushPathOnceWebIsBack()
    {
        var receiver = fixture.Receiver!;
        var (lost, shown) = (Unique.Sku("RC-LOST"), Unique.Sku("RC-SHOWN"));
        await fixture.Runner.SendAndWaitAsync("wholesale", shown, Ct, CloudEvents.Received(Unique.Id("recv"), "wholesale", shown, "dc-1", 12));
        await AcceptedPushAsync("web", shown);
        receiver.Down("web");
        await fixture.Runner.SendAndWaitAsync("wholesale", lost, Ct, CloudEvents.Received(Unique.Id("recv"), "wholesale", lost, "dc-1", 20));
        await Eventually.UntilAsync("web refused the new SKU while down",
            _ => Task.FromResult(receiver.Pushes.Any(p => p.Channel == "web" && p.Sku == lost && p.Status == 503)), refused => refused, Ct);
        var master = await fixture.Api.GetAvailableAsync("web", lost, Ct);

        // Neither SKU was ever reported by web: one it acknowledged agrees, the one it never acknowledged was missed.
        var report = await fixture.Runner.RunToEndAsync("web", Ct);
        receiver.Up("web");

        report.Of(shown).ShouldBeNull("web acknowledged its current value");
        var found = report.Of(lost).ShouldNotBeNull();
        found.ShouldSatisfyAllConditions(
            d => d.LikelyCause.ShouldBe("missed_push"), d => d.Action.ShouldBe("repushed"),
            d => (d.MasterValue, d.ChannelValue, d.Location).ShouldBe((master, 0, (string?)null)));
        var correction = found.CorrectionVersion.ShouldNotBeNull();
        await Eventually.UntilAsync(
            "web accepted the master value of the SKU it never had",
            _ => Task.FromResult(receiver.Pushes.LastOrDefault(p => p.Channel == "web" && p.Sku == lost && p.Accepted)),
            push => push?.Available == master && push.Version >= correction,
            Ct,
            diagnostics: () => "runner output:\n" + fixture.Runner.Output);
    }

    [Fact]
    public async Task Resolve_ItemResolvedTwice_SecondAnswers409AndAdjustsOnce()
    {
        var sku = Unique.Sku("RC-TWICE");
        await fixture.Runner.SendAndWaitAsync("wholesale", sku, Ct, CloudEvents.Received(Unique.Id("recv"), "wholesale", sku, "dc-1", 40));
        var acknowledged = await AcceptedPushAsync("web", sku);
        await ReportAsync("web", sku, acknowledged.Available + 4, DateTimeOffset.UtcNow.AddSeconds(1));
        var report = await fixture.Runner.RunToEndAsync("web", Ct);

        using var first = await fixture.Api.ResolveRawAsync(report.Run.RunId, sku, "accept_channel", Ct);
        using var second = await fixture.Api.ResolveRawAsync(report.Run.RunId, sku, "accept_master", Ct);
        using var unknown = await fixture.Api.ResolveRawAsync("no-such-run", sku, "accept_master", Ct);

        first.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        second.StatusCode.ShouldBe(System.Net.HttpStatusCode.Conflict);
        unknown.StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound);
        await fixture.Runner.WaitForAppliedAsync(sku, $"reconciliation-{report.Run.RunId}-{sku}", Ct);
        (await fixture.Api.GetInventoryAsync(sku, Ct)).At("dc-1").OnHand.ShouldBe(40 + 4);
    }

    private async Task ReportAsync(string channel, string sku, int level, DateTimeOffset asOf)
    {
        var id = Unique.Id("level");
        await fixture.Runner.SendAndWaitAsync(channel, sku, Ct, ReconciliationApi.LevelReported(id, channel, sku, location: null, level, asOf));
    }

    /// <summary>The channel's accepted push of the SKU carrying what the availability API answers now.</summary>
    private async Task<ReceivedPush> AcceptedPushAsync(string channel, string sku)
    {
        var expected = await fixture.Api.GetAvailableAsync(channel, sku, Ct);
        return (await Eventually.UntilAsync(
            $"{channel} accepted {expected} for {sku}",
            _ => Task.FromResult(fixture.Receiver!.Pushes.LastOrDefault(p => p.Channel == channel && p.Sku == sku && p.Accepted)),
            push => push?.Available == expected,
            Ct,
            diagnostics: () => "runner output:\n" + fixture.Runner.Output))!;
    }
}

/// <summary>The default settling window (2 minutes) against a change made moments ago.</summary>
public sealed class ReconciliationSettlingTests(SettlingRunnerFixture fixture) : IClassFixture<SettlingRunnerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reconcile_ChangeYoungerThanTheSettlingWindow_InFlightNotADiscrepancy()
    {
        var sku = Unique.Sku("RC-SETTLING");
        await fixture.Runner.SendAndWaitAsync("wholesale", sku, Ct, CloudEvents.Received(Unique.Id("recv"), "wholesale", sku, "dc-1", 25));
        var master = await fixture.Api.GetAvailableAsync("web", sku, Ct);
        await fixture.Runner.SendAndWaitAsync("web", sku, Ct, ReconciliationApi.LevelReported(Unique.Id("level"), "web", sku, null, master + 5, DateTimeOffset.UtcNow));

        var report = await fixture.Runner.RunToEndAsync("web", Ct);

        report.Run.SkusCompared.ShouldBe(1);
        report.Run.InFlight.ShouldBe(1);
        report.Run.Discrepancies.ShouldBe(0);
        report.Discrepancies.ShouldBeEmpty();
    }
}
