using Azure;
using Azure.Data.Tables;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Adapters.Tables;

/// <summary>
/// Parked events on Table storage (table <c>ParkedEvents</c>), laid out by <see cref="TimeIndexedRecords"/>: each event its
/// own partition <c>record:{escaped id}</c> (head row plus its payload, chunked past 32K characters, so a 1 MiB payload
/// is kept exactly as sent), and a time index listing those not yet replayed oldest first. Replaying removes the event
/// from the index, so the listing never scans what ops already handled. Times are stored as UTC ticks, exactly.
/// </summary>
public sealed class TablesParkedEventStore(TableClient table) : IParkedEventStore
{
    private readonly TimeIndexedRecords _records = new(table, "Payload", "ParkedAtTicks");

    public async Task ParkAsync(IReadOnlyList<ParkedEvent> events, CancellationToken cancellationToken)
    {
        // One partition per event, so events are written side by side; the same id twice in a list keeps the last.
        var latest = events.GroupBy(e => e.Id, StringComparer.Ordinal).Select(g => g.Last());
        await Parallel.ForEachAsync(latest, new ParallelOptions { MaxDegreeOfParallelism = TableCalls.MaxConcurrency, CancellationToken = cancellationToken }, (parked, ct) =>
            new ValueTask(_records.WriteAsync(parked.Id, Properties(parked), parked.Payload, parked.IsReplayed ? null : parked.ParkedAt, ct))).ConfigureAwait(false);
    }

    public async Task<ParkedEvent?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var record = await _records.ReadAsync(id, cancellationToken).ConfigureAwait(false);
        return record is null ? null : Read(record);
    }

    public Task<Core.Ports.Page<ParkedEvent>> ListAsync(int pageSize, string? continuation, CancellationToken cancellationToken) =>
        _records.ListAsync(pageSize, continuation, Read, r => r.Head.GetInt64("ReplayedAtTicks") is null, cancellationToken);

    public Task<long> CountAsync(CancellationToken cancellationToken) => _records.CountListedAsync(cancellationToken);

    /// <exception cref="KeyNotFoundException">No event is parked under <paramref name="id"/>.</exception>
    public async Task MarkReplayedAsync(string id, DateTimeOffset replayedAt, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var record = await _records.ReadAsync(id, cancellationToken).ConfigureAwait(false) ?? throw new KeyNotFoundException($"no parked event '{id}'");
            var head = new TableEntity(record.Head.PartitionKey, record.Head.RowKey) { ETag = record.Head.ETag, ["ReplayedAtTicks"] = replayedAt.UtcTicks };
            try
            {
                await _records.UpdateHeadAsync(head, cancellationToken).ConfigureAwait(false);
                await _records.DelistAsync(id, record.Head.GetInt64("ParkedAtTicks") ?? 0, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (RequestFailedException conflict) when (conflict.IsConcurrencyConflict() && attempt < 5)
            {
                // Parked again meanwhile: read it again and mark what is there now.
            }
        }
    }

    private static Dictionary<string, object?> Properties(ParkedEvent parked) => new(StringComparer.Ordinal)
    {
        ["Id"] = parked.Id,
        ["Channel"] = parked.Channel.Value,
        ["EventId"] = parked.EventId,
        ["Field"] = parked.Field,
        ["Reason"] = parked.Reason,
        ["ParkedAtTicks"] = parked.ParkedAt.UtcTicks,
        ["ReplayedAtTicks"] = parked.ReplayedAt?.UtcTicks,
    };

    private static ParkedEvent Read(StoredRecord record) => new(
        record.Head.GetString("Id"),
        new ChannelId(record.Head.GetString("Channel")),
        record.Head.GetString("EventId"),
        record.Head.GetString("Field"),
        record.Head.GetString("Reason"),
        record.Text,
        TableTime.FromTicks(record.Head.GetInt64("ParkedAtTicks")),
        record.Head.GetInt64("ReplayedAtTicks") is { } replayed ? TableTime.FromTicks(replayed) : null);
}
