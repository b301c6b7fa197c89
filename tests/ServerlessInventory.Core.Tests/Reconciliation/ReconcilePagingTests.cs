using Microsoft.Extensions.DependencyInjection;
using ServerlessInventory.Core.Application;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Events;
using ServerlessInventory.Core.Ports;
using ServerlessInventory.Core.Reconciliation;
using ServerlessInventory.Testing;
using CoreHarness = ServerlessInventory.Core.Tests.Support.CoreHarness;
using static ServerlessInventory.Core.Tests.Support.TestData;

namespace ServerlessInventory.Core.Tests.Reconciliation;

/// <summary>A run of several pages (one SKU each), every SKU stale at pos, over a report store that counts what is written.</summary>
public sealed class ReconcilePagingTests : IDisposable
{
    private static readonly Sku[] Skus = [Sku1, OtherSku, new("SKU-3")];

    private readonly CountingReportStore _reports = new();
    private readonly CoreHarness _core;

    public ReconcilePagingTests()
    {
        _core = new(new Dictionary<string, string?> { ["Reconciliation:PageSize"] = "1" }, services => services.AddSingleton<IReconciliationReportStore>(_reports));
        foreach (var sku in Skus)
        {
            _core.Store.Seed(sku, Position(Store, onHand: 10));
        }
        _core.Get<PushAvailabilityHandler>().HandleAsync(Skus, CoreHarness.Ct).GetAwaiter().GetResult();
        _core.Time.Advance(TimeSpan.FromHours(1));
    }

    public void Dispose() => _core.Dispose();

    [Fact]
    public async Task Run_SeveralPagesOfDiscrepancies_WritesEachDiscrepancyOnceAndReportsThemAll()
    {
        foreach (var sku in Skus)
        {
            await _core.Get<ApplyEventsHandler>().HandleAsync([new LevelReported(NewId(), Pos, Start.AddMinutes(-30), sku, Store, Pos, 4)], CoreHarness.Ct);
        }

        var run = (await _core.Get<ReconcileChannelHandler>().RunChannelsAsync(Pos, CoreHarness.Ct)).Single();

        run.Discrepancies.ShouldBe(Skus.Length);
        _reports.DiscrepanciesWritten.ShouldBe(Skus.Length);
        var report = (await _reports.GetAsync(run.RunId, 100, null, CoreHarness.Ct)).ShouldNotBeNull();
        report.Discrepancies.Items.Select(d => d.Sku).ShouldBe(Skus);
        report.Run.ShouldBe(run);
    }

    /// <summary>The in-memory store, counting the discrepancies every save and append is given.</summary>
    private sealed class CountingReportStore : IReconciliationReportStore
    {
        private readonly InMemoryReconciliationReportStore _inner = new();

        public int DiscrepanciesWritten { get; private set; }

        public Task SaveAsync(ReconciliationRun run, IReadOnlyList<Discrepancy> discrepancies, CancellationToken cancellationToken)
        {
            DiscrepanciesWritten += discrepancies.Count;
            return _inner.SaveAsync(run, discrepancies, cancellationToken);
        }

        public Task AppendAsync(ReconciliationRun run, IReadOnlyList<Discrepancy> added, CancellationToken cancellationToken)
        {
            DiscrepanciesWritten += added.Count;
            return _inner.AppendAsync(run, added, cancellationToken);
        }

        public Task<ReconciliationReport?> GetAsync(string runId, int pageSize, string? continuation, CancellationToken cancellationToken) =>
            _inner.GetAsync(runId, pageSize, continuation, cancellationToken);

        public Task<Page<ReconciliationRun>> ListRunsAsync(ChannelId? channel, int pageSize, string? continuation, CancellationToken cancellationToken) =>
            _inner.ListRunsAsync(channel, pageSize, continuation, cancellationToken);

        public Task<bool> TryLeaseAsync(ChannelId channel, string holder, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken) =>
            _inner.TryLeaseAsync(channel, holder, now, until, cancellationToken);

        public Task ReleaseLeaseAsync(ChannelId channel, string holder, CancellationToken cancellationToken) =>
            _inner.ReleaseLeaseAsync(channel, holder, cancellationToken);
    }
}
