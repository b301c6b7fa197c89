using Azure.Data.Tables;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Adapters.Tables;

/// <summary>
/// Dead letters on Table storage (table <c>DeadLetters</c>), laid out by <see cref="TimeIndexedRecords"/>: each message its
/// own partition <c>record:{escaped message id}</c> (head row plus its body, chunked past 32K characters: a Service Bus
/// message body may be far larger than one property), and a time index listing them oldest first. Adding the same
/// message id again replaces it; removing it takes it out of both.
/// </summary>
public sealed class TablesDeadLetterStore(TableClient table) : IDeadLetterStore
{
    private readonly TimeIndexedRecords _records = new(table, "Body", "DeadLetteredAtTicks");

    public Task AddAsync(DeadLetter deadLetter, CancellationToken cancellationToken) =>
        _records.WriteAsync(deadLetter.MessageId, new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["MessageId"] = deadLetter.MessageId,
            ["Sku"] = deadLetter.Sku?.Value,
            ["Reason"] = deadLetter.Reason,
            ["Description"] = deadLetter.Description,
            ["DeliveryCount"] = deadLetter.DeliveryCount,
            ["DeadLetteredAtTicks"] = deadLetter.DeadLetteredAt.UtcTicks,
        }, deadLetter.Body, deadLetter.DeadLetteredAt, cancellationToken);

    public async Task<DeadLetter?> GetAsync(string messageId, CancellationToken cancellationToken)
    {
        var record = await _records.ReadAsync(messageId, cancellationToken).ConfigureAwait(false);
        return record is null ? null : Read(record);
    }

    public Task<Page<DeadLetter>> ListAsync(int pageSize, string? continuation, CancellationToken cancellationToken) =>
        _records.ListAsync(pageSize, continuation, Read, _ => true, cancellationToken);

    public Task<long> CountAsync(CancellationToken cancellationToken) => _records.CountListedAsync(cancellationToken);

    public Task RemoveAsync(string messageId, CancellationToken cancellationToken) => _records.RemoveAsync(messageId, cancellationToken);

    private static DeadLetter Read(StoredRecord record) => new(
        record.Head.GetString("MessageId"),
        record.Head.GetString("Sku") is { } sku ? new Sku(sku) : null,
        record.Text,
        record.Head.GetString("Reason"),
        record.Head.GetString("Description"),
        record.Head.GetInt32("DeliveryCount") ?? 0,
        TableTime.FromTicks(record.Head.GetInt64("DeadLetteredAtTicks")));
}
