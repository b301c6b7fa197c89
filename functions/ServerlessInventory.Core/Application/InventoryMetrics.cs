using System.Diagnostics.Metrics;
using ServerlessInventory.Core.Domain;

namespace ServerlessInventory.Core.Application;

/// <summary>
/// Counters ops alert on. Oversells in particular are never silent: every unit committed beyond
/// availableToSell is counted here and flagged in the ledger.
/// </summary>
public sealed class InventoryMetrics
{
    public const string MeterName = "ServerlessInventory";

    private readonly Counter<long> _events;
    private readonly Counter<long> _oversoldUnits;
    private readonly Counter<long> _reservations;
    private readonly Counter<long> _concurrencyRetries;

    public InventoryMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _events = meter.CreateCounter<long>("inventory.events", "{event}", "Events by disposition: applied, duplicate, rejected.");
        _oversoldUnits = meter.CreateCounter<long>("inventory.oversold", "{unit}", "Units committed beyond availableToSell.");
        _reservations = meter.CreateCounter<long>("inventory.reservations", "{reservation}", "Reservation requests by outcome.");
        _concurrencyRetries = meter.CreateCounter<long>("inventory.concurrency.retries", "{retry}", "Decisions retried because another writer committed first.");
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

    public void ConcurrencyRetry(Sku sku) => _concurrencyRetries.Add(1);
}
