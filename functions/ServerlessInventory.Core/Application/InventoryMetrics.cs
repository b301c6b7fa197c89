using System.Diagnostics.Metrics;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Operations.Health;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Core.Application;

/// <summary>
/// Counters ops alert on. Oversells in particular are never silent: every unit committed beyond
/// availableToSell is counted here and flagged in the ledger. What the health report needs from the same moments
/// (webhook outcomes, apply lag, push outcomes) is kept in process here too, so each is recorded at one call.
/// </summary>
public sealed class InventoryMetrics
{
    public const string MeterName = "ServerlessInventory";

    private readonly Counter<long> _events;
    private readonly Counter<long> _oversoldUnits;
    private readonly Counter<long> _reservations;
    private readonly Counter<long> _concurrencyRetries;
    private readonly Counter<long> _ingested;
    private readonly Histogram<double> _pushLatency;
    private readonly Histogram<double> _applyLag;
    private readonly Histogram<long> _reservationGroupSize;

    private readonly WebhookWindow _webhooks;
    private readonly ApplyLagWindow _applyLags;
    private readonly PushOutcomes _pushes;

    public InventoryMetrics(IMeterFactory meterFactory, WebhookWindow webhooks, ApplyLagWindow applyLags, PushOutcomes pushes)
    {
        _webhooks = webhooks;
        _applyLags = applyLags;
        _pushes = pushes;
        var meter = meterFactory.Create(MeterName);
        _events = meter.CreateCounter<long>("inventory.events", "{event}", "Events by disposition: applied, duplicate, rejected.");
        _oversoldUnits = meter.CreateCounter<long>("inventory.oversold", "{unit}", "Units committed beyond availableToSell.");
        _reservations = meter.CreateCounter<long>("inventory.reservations", "{reservation}", "Reservation requests by outcome.");
        _concurrencyRetries = meter.CreateCounter<long>("inventory.concurrency.retries", "{retry}", "Decisions retried because another writer committed first.");
        _applyLag = meter.CreateHistogram<double>("inventory.apply.lag", "s", "Time from an event entering the topic to its batch being applied.");
        _pushLatency = meter.CreateHistogram<double>("inventory.push.duration", "s", "Time to deliver one availability push to a channel.");
        _reservationGroupSize = meter.CreateHistogram<long>(
            "inventory.reservation.group_size", "{operation}", "Reservation operations on one SKU decided and committed together (1 when a request met no other).");
        _ingested = meter.CreateCounter<long>("inventory.webhook.events", "{event}", "Webhook events by outcome: accepted, duplicate, parked.");
    }

    public void Recorded(IEnumerable<EventOutcome> outcomes)
    {
        foreach (var outcome in outcomes)
        {
            _events.Add(1, new KeyValuePair<string, object?>("disposition", outcome.Disposition.ToString().ToLowerInvariant()));
            if (outcome.Oversold > 0)
            {
                _oversoldUnits.Add(outcome.Oversold);
            }
        }
    }

    public void Reservation(ReservationResult result) =>
        _reservations.Add(1, new KeyValuePair<string, object?>("outcome", result.Failure?.ToString().ToLowerInvariant() ?? "granted"));

    public void ConcurrencyRetry() => _concurrencyRetries.Add(1);

    public void ReservationGroup(int operations) => _reservationGroupSize.Record(operations);

    public void Pushed(PushState state, TimeSpan took)
    {
        _pushLatency.Record(took.TotalSeconds);
        _pushes.Acknowledged(state.Channel, state.Sku, state.Version);
    }

    public void PushFailed(PushState state, string reason) => _pushes.Failed(state.Channel, state.Sku, state.Version, reason);

    public void ApplyLag(TimeSpan lag)
    {
        _applyLag.Record(Math.Max(0, lag.TotalSeconds));
        _applyLags.Record(lag);
    }

    public void Ingested(int accepted, int duplicates, int parked)
    {
        _ingested.Add(accepted, new KeyValuePair<string, object?>("outcome", "accepted"));
        _ingested.Add(duplicates, new KeyValuePair<string, object?>("outcome", "duplicate"));
        _ingested.Add(parked, new KeyValuePair<string, object?>("outcome", "parked"));
        _webhooks.Record(accepted, duplicates, parked);
    }
}
