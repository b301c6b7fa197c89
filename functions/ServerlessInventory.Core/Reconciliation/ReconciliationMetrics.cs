using System.Diagnostics.Metrics;
using ServerlessInventory.Core.Application;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Core.Reconciliation;

/// <summary>Reconciliation's instruments, on the product's meter (<see cref="InventoryMetrics.MeterName"/>).</summary>
public sealed class ReconciliationMetrics
{
    private readonly Counter<long> _discrepancies;
    private readonly Counter<long> _varianceUnits;
    private readonly Counter<long> _inFlight;
    private readonly Histogram<double> _runDuration;
    private readonly UpDownCounter<long> _reviewOpen;

    public ReconciliationMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(InventoryMetrics.MeterName);
        _discrepancies = meter.CreateCounter<long>("reconciliation.discrepancies", "{discrepancy}", "Discrepancies found, by channel and likely cause.");
        _varianceUnits = meter.CreateCounter<long>("reconciliation.variance_units", "{unit}", "Units channels differ from the master by, over discrepancies, by channel.");
        _inFlight = meter.CreateCounter<long>("reconciliation.in_flight", "{sku}", "SKUs that differed while a change was still settling, by channel.");
        _runDuration = meter.CreateHistogram<double>("reconciliation.run_duration", "s", "Time from a run's start to its completion, by channel.");
        _reviewOpen = meter.CreateUpDownCounter<long>("reconciliation.review_open", "{item}", "Review items raised minus those resolved.");
    }

    public void Page(ChannelId channel, IEnumerable<Discrepancy> discrepancies, int inFlight)
    {
        var tag = new KeyValuePair<string, object?>("channel", channel.Value);
        foreach (var discrepancy in discrepancies)
        {
            _discrepancies.Add(1, tag, new KeyValuePair<string, object?>("cause", ReconciliationNames.Cause(discrepancy.LikelyCause)));
            _varianceUnits.Add(Math.Abs(discrepancy.Difference), tag);
            if (discrepancy.Action == DiscrepancyAction.RaisedForReview)
            {
                _reviewOpen.Add(1);
            }
        }
        _inFlight.Add(inFlight, tag);
    }

    public void Completed(ReconciliationRun run) =>
        _runDuration.Record((run.FinishedAt - run.StartedAt).TotalSeconds, new KeyValuePair<string, object?>("channel", run.Channel.Value));

    public void Resolved() => _reviewOpen.Add(-1);
}
