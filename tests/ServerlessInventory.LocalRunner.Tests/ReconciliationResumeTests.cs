using ServerlessInventory.LocalRunner.Tests.Support;

namespace ServerlessInventory.LocalRunner.Tests;

/// <summary>A run whose process is killed half way is resumed from its checkpoint by the next one asked for.</summary>
public sealed class ReconciliationResumeTests(ResumableReconciliationRunnerFixture fixture) : IClassFixture<ResumableReconciliationRunnerFixture>
{
    /// <summary>Enough SKUs, one per checkpoint, that the run is still going when the test sees its first checkpoint.</summary>
    private const int Skus = 300;

    private const int ReportedLevel = 5;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reconcile_RunnerKilledHalfWay_ResumedRunFinishesWithTheSameReportAsAnUninterruptedOne()
    {
        // Levels web reports for SKUs the master holds none of: each is a discrepancy (the master's 0 is pushed after
        // the report arrived, so the report is older than that delivery: stale_channel, re-pushed).
        var skus = Enumerable.Range(0, Skus).Select(i => Unique.Sku($"RC-KILL-{i:D3}")).ToList();
        var reports = skus.Select(sku => ReconciliationApi.LevelReported(Unique.Id("level"), "web", sku, null, ReportedLevel, DateTimeOffset.UtcNow)).ToList();
        var accepted = await fixture.Api.SendEventsAsync("web", reports, Ct);
        accepted.Accepted.Count.ShouldBe(Skus);
        foreach (var (sku, report) in skus.Zip(reports))
        {
            await fixture.Runner.WaitForAppliedAsync(sku, report["id"]!.GetValue<string>(), Ct);
        }

        var runId = await fixture.Api.StartRunAsync("web", Ct);
        var halfWay = await Eventually.UntilAsync(
            "the run checkpointed at least one SKU",
            ct => fixture.Api.GetRunAsync(runId, ct),
            report => report.Run.SkusCompared > 0,
            Ct,
            diagnostics: () => "runner output:\n" + fixture.Runner.Output);
        fixture.Runner.Kill();
        var atKill = await ReadStoredRunAsync(runId);
        halfWay.Run.Status.ShouldBe("running", "the test saw the run before it finished");
        atKill.Run.Status.ShouldBe("running", "killed before it finished");
        atKill.Run.SkusCompared.ShouldBeLessThan(Skus);

        // Asking again resumes the unfinished run once the dead process's lease lapsed (until then the ask does nothing).
        var resumed = await Eventually.UntilAsync(
            $"run {runId} resumed and completed",
            async ct =>
            {
                var report = await fixture.Api.GetRunAsync(runId, ct);
                if (report.Run.Status == "running")
                {
                    await fixture.Api.StartRunAsync("web", ct);
                }
                return report;
            },
            report => report.Run.Status == "completed",
            Ct,
            diagnostics: () => "runner output:\n" + fixture.Runner.Output);
        var uninterrupted = await fixture.Runner.RunToEndAsync("web", Ct);

        uninterrupted.Run.RunId.ShouldNotBe(runId);
        Shape(resumed).ShouldBe(Shape(uninterrupted));
        resumed.Run.SkusCompared.ShouldBe(Skus);
        resumed.Run.Discrepancies.ShouldBe(Skus);
        resumed.Discrepancies.Select(d => d.Sku).Order(StringComparer.Ordinal).ToList().ShouldBe(skus, "every SKU once, none twice");
        resumed.Discrepancies.ShouldAllBe(d => d.LikelyCause == "stale_channel" && d.ChannelValue == ReportedLevel && d.MasterValue == 0);
        resumed.Discrepancies.Select(d => d.CorrectionVersion).Distinct().ShouldHaveSingleItem("each SKU corrected once, under the version after the master's own push");
    }

    /// <summary>The run as its last checkpoint stored it, read from a runner started again on the same database.</summary>
    private async Task<RunReportView> ReadStoredRunAsync(string runId)
    {
        await fixture.Runner.RestartAsync(Ct);
        return await fixture.Api.GetRunAsync(runId, Ct);
    }

    private static object Shape(RunReportView report) => new
    {
        report.Run.SkusCompared,
        report.Run.InAgreement,
        report.Run.InFlight,
        Found = report.Run.Discrepancies,
        report.Run.AutoCorrected,
        report.Run.RaisedForReview,
        report.Run.VarianceUnits,
        ByCause = string.Join(",", report.Run.ByCause.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Value}")),
        Items = string.Join(";", report.Discrepancies.OrderBy(d => d.Sku, StringComparer.Ordinal)
            .Select(d => $"{d.Sku}:{d.MasterValue}:{d.ChannelValue}:{d.LikelyCause}:{d.Action}")),
    };
}
