using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ServerlessInventory.Core.Operations.Health;
using ServerlessInventory.Core.Tests.Support;

namespace ServerlessInventory.Core.Tests.Operations.Health;

public sealed class ApplyLagWindowTests
{
    private readonly FakeTimeProvider _time = new(TestData.Start);

    private ApplyLagWindow Window(int samples = 1_000) =>
        new(_time, Options.Create(new HealthOptions { ApplyLagWindow = TimeSpan.FromMinutes(5), ApplyLagSamples = samples }));

    [Fact]
    public void Summarize_NoApplies_IsZeroWithNoSamples() =>
        Window().Summarize().ShouldBe(new ApplyLagSummary(0, 0, 0));

    [Fact]
    public void Summarize_HundredLagsInAnyOrder_GivesNearestRankPercentiles()
    {
        var window = Window();
        foreach (var ms in Enumerable.Range(1, 100).Reverse())
        {
            window.Record(TimeSpan.FromMilliseconds(ms));
        }

        var summary = window.Summarize();

        summary.P50Seconds.ShouldBe(0.050, 1e-9);
        summary.P99Seconds.ShouldBe(0.099, 1e-9);
        summary.Samples.ShouldBe(100);
    }

    [Fact]
    public void Summarize_AppliesOlderThanTheWindow_AreLeftOut()
    {
        var window = Window();
        window.Record(TimeSpan.FromSeconds(30));
        _time.Advance(TimeSpan.FromMinutes(4));
        window.Record(TimeSpan.FromMilliseconds(5));
        _time.Advance(TimeSpan.FromMinutes(2));

        window.Summarize().ShouldBe(new ApplyLagSummary(0.005, 0.005, 1));
    }

    [Fact]
    public void Record_MoreThanTheSampleLimit_KeepsOnlyTheLatest()
    {
        var window = Window(samples: 10);
        window.Record(TimeSpan.FromSeconds(100));
        foreach (var _ in Enumerable.Range(0, 10))
        {
            window.Record(TimeSpan.FromSeconds(1));
        }

        window.Summarize().ShouldBe(new ApplyLagSummary(1, 1, 10));
    }

    [Fact]
    public void Record_NegativeLagFromClockSkew_CountsAsZero()
    {
        var window = Window();
        window.Record(TimeSpan.FromSeconds(-2));

        window.Summarize().P99Seconds.ShouldBe(0);
    }
}
