using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;
using Shouldly;
using Xunit;

namespace ServerlessInventory.Testing;

/// <summary>
/// What every <see cref="IReconciliationReportStore"/> must do, whatever it runs on. A store's test project inherits
/// this class and says how to create the store; the tests stay unchanged. Each test uses run ids and channels of its
/// own and looks only at those, so a store may be shared between tests.
/// </summary>
public abstract class ReconciliationReportStoreContract : PortContract<IReconciliationReportStore>
{
    private readonly ChannelId _channel = new(NewKey("channel"));

    [Fact]
    public async Task Get_UnknownRun_ReturnsNull()
    {
        (await Port.GetAsync(NewKey("run"), 10, null, Cancellation)).ShouldBeNull();
    }

    [Fact]
    public async Task Save_ThenGet_RoundTripsTheRunAndItsDiscrepanciesBySku()
    {
        var run = Run(At(10));
        Discrepancy[] discrepancies =
        [
            new(new Sku("SKU-B"), 5, 7, DiscrepancyCause.MissedPush, DiscrepancyAction.Repushed),
            new(new Sku("SKU-A"), 0, -2, DiscrepancyCause.MissedEvent, DiscrepancyAction.RaisedForReview),
            new(new Sku("SKU-C"), 12, 3, DiscrepancyCause.StaleChannel, DiscrepancyAction.Repushed),
            new(new Sku("SKU-D"), 1, 9, DiscrepancyCause.Unknown, DiscrepancyAction.RaisedForReview),
        ];

        await Port.SaveAsync(run, discrepancies, Cancellation);

        var report = (await Port.GetAsync(run.RunId, 10, null, Cancellation)).ShouldNotBeNull();
        report.Run.ShouldBe(run);
        report.Discrepancies.Items.ShouldBe([.. discrepancies.OrderBy(d => d.Sku.Value, StringComparer.Ordinal)]);
        report.Discrepancies.Continuation.ShouldBeNull();
        report.Discrepancies.Items[0].Difference.ShouldBe(-2);
    }

    [Fact]
    public async Task Save_NoDiscrepancies_GetsTheRunWithAnEmptyPage()
    {
        var run = Run(At(20)) with { Discrepancies = 0, AutoCorrected = 0, RaisedForReview = 0 };

        await Port.SaveAsync(run, [], Cancellation);

        var report = (await Port.GetAsync(run.RunId, 10, null, Cancellation)).ShouldNotBeNull();
        report.Run.ShouldBe(run);
        report.Discrepancies.ShouldSatisfyAllConditions(p => p.Items.ShouldBeEmpty(), p => p.Continuation.ShouldBeNull());
    }

    [Fact]
    public async Task Get_ManyDiscrepancies_PagesBySkuUntilNoContinuation()
    {
        var run = Run(At(30));
        var discrepancies = Enumerable.Range(0, 250).Select(i => Mismatch($"SKU-{i:D4}", i)).Reverse().ToList();
        await Port.SaveAsync(run, discrepancies, Cancellation);

        var listed = new List<Discrepancy>();
        string? continuation = null;
        do
        {
            var page = (await Port.GetAsync(run.RunId, 100, continuation, Cancellation)).ShouldNotBeNull().Discrepancies;
            page.Items.Count.ShouldBeLessThanOrEqualTo(100);
            listed.AddRange(page.Items);
            continuation = page.Continuation;
        }
        while (continuation is not null && listed.Count <= 1_000);

        listed.ShouldBe([.. discrepancies.OrderBy(d => d.Sku.Value, StringComparer.Ordinal)]);
    }

    [Fact]
    public async Task Save_SameRunAgain_ReplacesTheRunAndAllItsDiscrepancies()
    {
        var run = Run(At(40));
        await Port.SaveAsync(run, [Mismatch("SKU-1", 1), Mismatch("SKU-2", 2), Mismatch("SKU-3", 3)], Cancellation);
        var rerun = run with { FinishedAt = At(50), Discrepancies = 1 };

        await Port.SaveAsync(rerun, [Mismatch("SKU-2", 7)], Cancellation);

        var report = (await Port.GetAsync(run.RunId, 10, null, Cancellation)).ShouldNotBeNull();
        report.Run.ShouldBe(rerun);
        report.Discrepancies.Items.ShouldBe([Mismatch("SKU-2", 7)]);
        (await ListOurs(_channel, pageSize: 10)).ShouldBe([rerun]);
    }

    [Fact]
    public async Task Append_PagesOfARun_KeepsEarlierDiscrepanciesAndSavesTheRun()
    {
        var run = Run(At(42)) with { Status = RunStatus.Running, Checkpoint = "page-1" };
        await Port.SaveAsync(run, [], Cancellation);
        await Port.AppendAsync(run, [Mismatch("SKU-3", 3), Mismatch("SKU-1", 1)], Cancellation);
        var finished = run with { Status = RunStatus.Completed, Checkpoint = null, FinishedAt = At(52), Discrepancies = 3 };

        await Port.AppendAsync(finished, [Mismatch("SKU-2", 2)], Cancellation);

        var report = (await Port.GetAsync(run.RunId, 10, null, Cancellation)).ShouldNotBeNull();
        report.Run.ShouldBe(finished);
        report.Discrepancies.Items.ShouldBe([Mismatch("SKU-1", 1), Mismatch("SKU-2", 2), Mismatch("SKU-3", 3)]);
        (await ListOurs(_channel, pageSize: 10)).ShouldBe([finished]);
    }

    [Fact]
    public async Task Append_SameSkuAgain_ReplacesOnlyThatDiscrepancy()
    {
        var run = Run(At(44));
        await Port.AppendAsync(run, [Mismatch("SKU-1", 1), Mismatch("SKU-2", 2)], Cancellation);

        await Port.AppendAsync(run, [Mismatch("SKU-2", 7)], Cancellation);

        var report = (await Port.GetAsync(run.RunId, 10, null, Cancellation)).ShouldNotBeNull();
        report.Discrepancies.Items.ShouldBe([Mismatch("SKU-1", 1), Mismatch("SKU-2", 7)]);
    }

    [Fact]
    public async Task Append_TwoDiscrepanciesOfOneSku_ThrowsArgumentException()
    {
        await Should.ThrowAsync<ArgumentException>(() => Port.AppendAsync(Run(At(62)), [Mismatch("SKU-1", 1), Mismatch("SKU-1", 2)], Cancellation));
    }

    [Fact]
    public async Task Save_TwoDiscrepanciesOfOneSku_ThrowsArgumentException()
    {
        await Should.ThrowAsync<ArgumentException>(() => Port.SaveAsync(Run(At(60)), [Mismatch("SKU-1", 1), Mismatch("SKU-1", 2)], Cancellation));
    }

    [Fact]
    public async Task ListRuns_OneChannel_PagesNewestFirstUntilNoContinuation()
    {
        var runs = Enumerable.Range(0, 7).Select(i => Run(At(100 + (i * 60)))).ToList();
        foreach (var run in runs.Where((_, i) => i % 2 == 0).Concat(runs.Where((_, i) => i % 2 == 1)))
        {
            await Port.SaveAsync(run, [], Cancellation);
        }
        await Port.SaveAsync(Run(At(130)) with { Channel = new ChannelId(NewKey("other")) }, [], Cancellation);

        var listed = await ListOurs(_channel, pageSize: 3);

        listed.ShouldBe([.. runs.AsEnumerable().Reverse()]);
    }

    [Fact]
    public async Task ListRuns_EveryChannel_IncludesEachChannelsRunsNewestFirst()
    {
        var other = new ChannelId(NewKey("other"));
        var ours = Run(At(500));
        var theirs = Run(At(501)) with { Channel = other };
        var oldest = Run(At(499));
        await Port.SaveAsync(ours, [], Cancellation);
        await Port.SaveAsync(theirs, [], Cancellation);
        await Port.SaveAsync(oldest, [], Cancellation);

        var listed = await ListOurs(null, pageSize: 1_000);

        listed.Where(r => r.Channel == _channel || r.Channel == other).ShouldBe([theirs, ours, oldest]);
    }

    [Fact]
    public async Task ListRuns_SameStart_OrdersByRunId()
    {
        var prefix = NewKey("run");
        foreach (var suffix in new[] { "-b", "-c", "-a" })
        {
            await Port.SaveAsync(Run(At(600)) with { RunId = prefix + suffix }, [], Cancellation);
        }

        var listed = await ListOurs(_channel, pageSize: 2);

        listed.Select(r => r.RunId).ShouldBe([prefix + "-a", prefix + "-b", prefix + "-c"]);
    }

    [Fact]
    public async Task Save_RunningRunWithCountsAndReviewedDiscrepancy_RoundTripsEveryField()
    {
        var run = Run(At(700)) with
        {
            Status = RunStatus.Running, Checkpoint = "SKU-B", InAgreement = 990, InFlight = 6, MissedPush = 1, StaleChannel = 1, MissedEvent = 1, UnknownCause = 1, VarianceUnits = 17,
        };
        Discrepancy[] discrepancies =
        [
            new(new Sku("SKU-A"), 9, 6, DiscrepancyCause.MissedEvent, DiscrepancyAction.RaisedForReview)
            {
                ReportedAt = At(650), Location = new LocationId("store-1"), Review = new ReviewOutcome(ReviewResolution.AcceptChannel, "alice", At(720)),
            },
            new(new Sku("SKU-B"), 9, 2, DiscrepancyCause.StaleChannel, DiscrepancyAction.Repushed) { ReportedAt = At(600), CorrectionVersion = 8 },
        ];

        await Port.SaveAsync(run, discrepancies, Cancellation);

        var report = (await Port.GetAsync(run.RunId, 10, null, Cancellation)).ShouldNotBeNull();
        report.Run.ShouldBe(run);
        report.Discrepancies.Items.ShouldBe(discrepancies);
    }

    [Fact]
    public async Task TryLease_HeldByAnotherUntilItLapses_IsRefusedThenGranted()
    {
        (await Port.TryLeaseAsync(_channel, "first", At(0), At(60), Cancellation)).ShouldBeTrue();

        (await Port.TryLeaseAsync(_channel, "second", At(30), At(90), Cancellation)).ShouldBeFalse();
        (await Port.TryLeaseAsync(_channel, "first", At(30), At(120), Cancellation)).ShouldBeTrue();
        (await Port.TryLeaseAsync(_channel, "second", At(90), At(150), Cancellation)).ShouldBeFalse();
        (await Port.TryLeaseAsync(_channel, "second", At(120), At(180), Cancellation)).ShouldBeTrue();
    }

    [Fact]
    public async Task ReleaseLease_ByItsHolder_LetsAnotherTakeItAndByAnotherChangesNothing()
    {
        (await Port.TryLeaseAsync(_channel, "first", At(0), At(60), Cancellation)).ShouldBeTrue();

        await Port.ReleaseLeaseAsync(_channel, "intruder", Cancellation);
        (await Port.TryLeaseAsync(_channel, "second", At(1), At(60), Cancellation)).ShouldBeFalse();
        await Port.ReleaseLeaseAsync(_channel, "first", Cancellation);
        (await Port.TryLeaseAsync(_channel, "second", At(2), At(60), Cancellation)).ShouldBeTrue();
    }

    [Fact]
    public async Task TryLease_ManyRivalsAtOnce_GrantsExactlyOne()
    {
        var granted = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Port.TryLeaseAsync(_channel, $"rival-{i}", At(0), At(60), Cancellation)));

        granted.Count(g => g).ShouldBe(1);
    }

    /// <summary>Every page of the run listing, keeping only runs of this test's channels; fails if a page is oversized or a run repeats.</summary>
    private async Task<List<ReconciliationRun>> ListOurs(ChannelId? channel, int pageSize)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var listed = new List<ReconciliationRun>();
        string? continuation = null;
        for (var pages = 0; pages < 100_000; pages++)
        {
            var page = await Port.ListRunsAsync(channel, pageSize, continuation, Cancellation);
            page.Items.Count.ShouldBeLessThanOrEqualTo(pageSize);
            foreach (var run in page.Items)
            {
                seen.Add(run.RunId).ShouldBeTrue($"'{run.RunId}' listed twice");
                if (channel is not null)
                {
                    run.Channel.ShouldBe(channel.Value);
                }
                listed.Add(run);
            }
            continuation = page.Continuation;
            if (continuation is null)
            {
                return channel is null ? listed : [.. listed.Where(r => r.Channel == channel)];
            }
        }
        throw new ShouldAssertException("the listing never ended");
    }

    private ReconciliationRun Run(DateTimeOffset startedAt) =>
        new(NewKey("run"), _channel, startedAt, startedAt.AddSeconds(42), SkusCompared: 1_000, Discrepancies: 4, AutoCorrected: 2, RaisedForReview: 2);

    private static Discrepancy Mismatch(string sku, int channelValue) =>
        new(new Sku(sku), 0, channelValue, DiscrepancyCause.MissedPush, DiscrepancyAction.Repushed);
}
