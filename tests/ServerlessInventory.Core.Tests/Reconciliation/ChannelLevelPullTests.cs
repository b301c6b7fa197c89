using Microsoft.Extensions.DependencyInjection;
using ServerlessInventory.Core.Application;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;
using ServerlessInventory.Core.Reconciliation;
using CoreHarness = ServerlessInventory.Core.Tests.Support.CoreHarness;
using static ServerlessInventory.Core.Tests.Support.TestData;

namespace ServerlessInventory.Core.Tests.Reconciliation;

/// <summary>A channel that answers level queries: a run pulls its pages into the reported levels, then compares them.</summary>
public sealed class ChannelLevelPullTests : IDisposable
{
    private readonly ScriptedLevelSource _source = new();
    private readonly CoreHarness _core;

    public ChannelLevelPullTests()
    {
        _core = new CoreHarness(new Dictionary<string, string?> { ["Reconciliation:MaxPullPages"] = "3" }, services => services.AddSingleton<IChannelLevelSource>(_source));
        _core.Store.Seed(Sku1, Position(Store, onHand: 10));
        _core.Get<PushAvailabilityHandler>().HandleAsync([Sku1], CoreHarness.Ct).GetAwaiter().GetResult();
        _core.Time.Advance(TimeSpan.FromHours(1));
    }

    public void Dispose() => _core.Dispose();

    [Fact]
    public async Task Run_ChannelAnswersInTwoPages_BothPulledThenComparedLikeReportedLevels()
    {
        _source.Pages[""] = new ChannelLevelsPage([new ReportedLevel(Pos, Sku1, Store, 7, Start.AddMinutes(30))], "page-2");
        _source.Pages["page-2"] = new ChannelLevelsPage([new ReportedLevel(Pos, OtherSku, Store, 3, Start.AddMinutes(30))], null);

        var run = (await _core.Get<ReconcileChannelHandler>().RunChannelsAsync(Pos, CoreHarness.Ct)).Single();
        var found = (await _core.Get<IReconciliationReportStore>().GetAsync(run.RunId, 10, null, CoreHarness.Ct))!.Discrepancies.Items;

        _source.Asked.ShouldBe([(Pos, null), (Pos, "page-2")]);
        run.SkusCompared.ShouldBe(2);
        found.Select(d => (d.Sku, d.ChannelValue, d.LikelyCause)).ShouldBe([(Sku1, 7, DiscrepancyCause.MissedEvent), (OtherSku, 3, DiscrepancyCause.Unknown)]);
    }

    [Fact]
    public async Task Pull_ContinuationsThatNeverEnd_StopsAfterMaxPullPagesKeepingWhatItRead()
    {
        _source.Endless = new ChannelLevelsPage([new ReportedLevel(Pos, Sku1, Store, 7, Start.AddMinutes(30))], "again");

        var kept = await _core.Get<ChannelLevelPull>().PullAsync(Pos, CoreHarness.Ct);

        kept.ShouldBe(3);
        _source.Asked.Count.ShouldBe(3);
        (await _core.Get<IReportedLevelStore>().ListAsync(Pos, null, 10, CoreHarness.Ct)).Levels.ShouldHaveSingleItem().Level.ShouldBe(7);
    }

    [Fact]
    public async Task Pull_ChannelThatCannotBeAsked_KeepsNothing()
    {
        var kept = await _core.Get<ChannelLevelPull>().PullAsync(Web, CoreHarness.Ct);

        kept.ShouldBe(0);
        (await _core.Get<IReportedLevelStore>().ListAsync(Web, null, 10, CoreHarness.Ct)).Levels.ShouldBeEmpty();
    }

    private sealed class ScriptedLevelSource : IChannelLevelSource
    {
        public Dictionary<string, ChannelLevelsPage> Pages { get; } = new(StringComparer.Ordinal);

        public ChannelLevelsPage? Endless { get; set; }

        public List<(ChannelId Channel, string? Continuation)> Asked { get; } = [];

        public Task<ChannelLevelsPage?> PullAsync(ChannelId channel, string? continuation, CancellationToken cancellationToken)
        {
            if (channel != Pos)
            {
                return Task.FromResult<ChannelLevelsPage?>(null);
            }
            Asked.Add((channel, continuation));
            return Task.FromResult(Endless ?? Pages.GetValueOrDefault(continuation ?? ""));
        }
    }
}
