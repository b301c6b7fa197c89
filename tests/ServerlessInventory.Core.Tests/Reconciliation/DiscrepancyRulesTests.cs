using ServerlessInventory.Core.Ports;
using ServerlessInventory.Core.Reconciliation;
using static ServerlessInventory.Core.Tests.Support.TestData;

namespace ServerlessInventory.Core.Tests.Reconciliation;

public sealed class DiscrepancyRulesTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(2);
    private static readonly DateTimeOffset Now = Start.AddHours(1);

    private static PushState Delivered(int available, DateTimeOffset at) => new(Web, Sku1, available, 4, true, at);

    private static Decision Decide(int master, int channel, DateTimeOffset reportedAt, PushState? push, DateTimeOffset? changedAt, int threshold = 1) =>
        DiscrepancyRules.Decide(new Comparison(master, channel, reportedAt, push, changedAt), threshold, Now, Window);

    [Theory]
    [InlineData(10, 10)]
    [InlineData(10, 11)]
    [InlineData(10, 9)]
    public void Decide_DifferenceWithinThreshold_IsInAgreement(int master, int channel)
    {
        Decide(master, channel, Now.AddMinutes(-30), Delivered(master, Now.AddHours(-1)), Now.AddHours(-1)).ShouldBe(Decision.Agreement);
    }

    [Fact]
    public void Decide_ZeroThreshold_OneUnitIsADiscrepancy()
    {
        Decide(10, 11, Now.AddMinutes(-30), Delivered(10, Now.AddHours(-1)), Now.AddHours(-1), threshold: 0).Verdict.ShouldBe(Verdict.Discrepancy);
    }

    [Fact]
    public void Decide_MasterChangedWithinSettlingWindow_IsInFlight()
    {
        Decide(10, 4, Now.AddMinutes(-30), Delivered(4, Now.AddHours(-1)), Now.AddMinutes(-1)).ShouldBe(Decision.Settling);
    }

    [Fact]
    public void Decide_PushOwedSinceWithinSettlingWindow_IsInFlight()
    {
        var owed = new PushState(Web, Sku1, 10, 5, false, Now.AddSeconds(-30));

        Decide(10, 4, Now.AddMinutes(-30), owed, Now.AddHours(-1)).ShouldBe(Decision.Settling);
    }

    [Fact]
    public void Decide_PushOwedBeyondSettlingWindow_IsMissedPushAndRepushed()
    {
        var owed = new PushState(Web, Sku1, 10, 5, false, Now.AddMinutes(-10));

        var decision = Decide(10, 4, Now.AddMinutes(-30), owed, Now.AddMinutes(-10));

        decision.Cause.ShouldBe(DiscrepancyCause.MissedPush);
        decision.Action.ShouldBe(DiscrepancyAction.Repushed);
    }

    [Fact]
    public void Decide_MasterChangedAfterTheLastAcknowledgedValue_IsMissedPush()
    {
        Decide(10, 4, Now.AddMinutes(-5), Delivered(4, Now.AddHours(-1)), Now.AddMinutes(-30)).Cause.ShouldBe(DiscrepancyCause.MissedPush);
    }

    [Fact]
    public void Decide_NeverPushedButMasterHasHistory_IsMissedPush()
    {
        Decide(10, 4, Now.AddMinutes(-5), null, Now.AddHours(-2)).Cause.ShouldBe(DiscrepancyCause.MissedPush);
    }

    [Fact]
    public void Decide_ReportOlderThanTheDeliveredCurrentValue_IsStaleChannelAndRepushed()
    {
        var decision = Decide(10, 4, Now.AddHours(-2), Delivered(10, Now.AddHours(-1)), Now.AddHours(-1));

        decision.Cause.ShouldBe(DiscrepancyCause.StaleChannel);
        decision.Action.ShouldBe(DiscrepancyAction.Repushed);
    }

    [Fact]
    public void Decide_ReportNewerThanTheDeliveredCurrentValueAndOtherwise_IsMissedEventForReview()
    {
        var decision = Decide(10, 7, Now.AddMinutes(-30), Delivered(10, Now.AddHours(-1)), Now.AddHours(-1));

        decision.Cause.ShouldBe(DiscrepancyCause.MissedEvent);
        decision.Action.ShouldBe(DiscrepancyAction.RaisedForReview);
    }

    [Fact]
    public void Decide_NeverPushedAndNoHistory_IsUnknownForReview()
    {
        var decision = Decide(0, 5, Now.AddMinutes(-30), null, null);

        decision.Cause.ShouldBe(DiscrepancyCause.Unknown);
        decision.Action.ShouldBe(DiscrepancyAction.RaisedForReview);
    }

    [Fact]
    public void Decide_NeitherReportedNorAcknowledgedWhileMasterHasHistory_IsMissedPushAndRepushed()
    {
        var decision = DiscrepancyRules.Decide(new Comparison(10, null, null, null, Now.AddHours(-2)), 1, Now, Window);

        decision.Cause.ShouldBe(DiscrepancyCause.MissedPush);
        decision.Action.ShouldBe(DiscrepancyAction.Repushed);
    }

    [Fact]
    public void Decide_NeitherReportedNorAcknowledgedEvenAtTheMasterValue_IsNotInAgreement()
    {
        var owed = new PushState(Web, Sku1, 0, 2, false, Now.AddHours(-1));

        DiscrepancyRules.Decide(new Comparison(0, null, null, owed, Now.AddHours(-2)), 1, Now, Window).Cause.ShouldBe(DiscrepancyCause.MissedPush);
    }

    [Fact]
    public void Decide_NeitherReportedNorEverPushedAndNoHistory_IsInAgreement()
    {
        DiscrepancyRules.Decide(new Comparison(0, null, null, null, null), 1, Now, Window).ShouldBe(Decision.Agreement);
    }

    [Fact]
    public void Agrees_ChannelValueNotKnown_IsFalseSoTheRunReadsTheHistory()
    {
        DiscrepancyRules.Agrees(new Comparison(0, null, null, null, null), 1).ShouldBeFalse();
    }
}
