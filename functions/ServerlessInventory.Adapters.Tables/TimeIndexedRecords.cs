using Azure.Data.Tables;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Adapters.Tables;

/// <summary>A record read back: its head entity (scalar properties) and its text, joined from chunks if it had any.</summary>
internal sealed record StoredRecord(TableEntity Head, string Text);

/// <summary>
/// Records with a large text, found by id and listed oldest first (parked events, dead letters).
/// <para>Keys. Each record is its own partition, <c>record:{escaped id}</c>: a head row <c>head</c> and its text's
/// chunk rows (<see cref="LargeText"/>), so a record of up to 2 MiB is written in one transaction and read in one
/// partition query. The listing is a time index in one partition, <c>index</c>, row key
/// <c>{UTC ticks, 19 digits}:{escaped id}</c>: a range scan in row-key order is oldest first, ties by id, and the last
/// row key read is the continuation. One index partition is fine at these volumes (ops data, not the event path).</para>
/// <para>The index is a hint, written before the record and removed after it: an index row whose record is missing,
/// at another time, or no longer listed is skipped, so a crash between the two writes never lists a wrong item and
/// never hides a record.</para>
/// </summary>
/// <param name="timeProperty">The head's property holding the listing time as UTC ticks (exact, unlike a table DateTime).</param>
internal sealed class TimeIndexedRecords(TableClient table, string textProperty, string timeProperty)
{
    private const string IndexPartition = "index";
    private const string HeadKey = "head";

    public static string RecordPartition(string id) => "record:" + TableKeys.Escape(id);

    /// <summary>The record, or null when there is none under <paramref name="id"/>.</summary>
    public Task<StoredRecord?> ReadAsync(string id, CancellationToken cancellationToken) => ReadPartitionAsync(RecordPartition(id), cancellationToken);

    private async Task<StoredRecord?> ReadPartitionAsync(string partition, CancellationToken cancellationToken)
    {
        var rows = await table.QueryAllAsync(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken).ConfigureAwait(false);
        var head = rows.Find(r => r.RowKey == HeadKey);
        return head is null ? null : new StoredRecord(head, LargeText.Read(head, textProperty, rows));
    }

    /// <summary>
    /// Writes the record (replacing any under the same id) with <paramref name="properties"/> and <paramref name="text"/>,
    /// listed at <paramref name="listedAt"/> unless that is null.
    /// </summary>
    public async Task WriteAsync(string id, IDictionary<string, object?> properties, string text, DateTimeOffset? listedAt, CancellationToken cancellationToken)
    {
        var partition = RecordPartition(id);
        var head = new TableEntity(properties) { PartitionKey = partition, RowKey = HeadKey };
        var chunks = LargeText.Store(head, textProperty, text);
        var previous = await table.GetOrNullAsync(partition, HeadKey, cancellationToken).ConfigureAwait(false);
        if (listedAt is { } at)
        {
            await table.UpsertEntityAsync(new TableEntity(IndexPartition, IndexKey(at.UtcTicks, id)), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
        // Chunks first and the head last, so that in the (rare) record of more than 100 rows the head is the commit point.
        await table.SubmitAsync([.. chunks.Select(c => new TableTransactionAction(TableTransactionActionType.UpsertReplace, c)),
            new TableTransactionAction(TableTransactionActionType.UpsertReplace, head)], cancellationToken).ConfigureAwait(false);
        // Chunks past the head's count are never read; they are removed after the commit, tolerating a concurrent remover.
        var staleChunks = Enumerable.Range(chunks.Count, Math.Max(0, (previous is null ? 0 : LargeText.ChunkCount(previous)) - chunks.Count))
            .Select(i => new TableEntity(partition, LargeText.ChunkKey(i)));
        await table.DeleteAllAsync(staleChunks, cancellationToken).ConfigureAwait(false);
        if (previous?.GetInt64(timeProperty) is { } before && before != listedAt?.UtcTicks)
        {
            await table.DeleteIfExistsAsync(IndexPartition, IndexKey(before, id), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Replaces the head's properties (merge) if it is still as read; the caller then delists it if it should go.</summary>
    public Task UpdateHeadAsync(TableEntity head, CancellationToken cancellationToken) =>
        table.UpdateEntityAsync(head, head.ETag, TableUpdateMode.Merge, cancellationToken);

    /// <param name="listedAtTicks">The record's time property, as stored (UTC ticks).</param>
    public Task DelistAsync(string id, long listedAtTicks, CancellationToken cancellationToken) =>
        table.DeleteIfExistsAsync(IndexPartition, IndexKey(listedAtTicks, id), cancellationToken);

    /// <summary>Removes the record and its index row; nothing when there is none.</summary>
    public async Task RemoveAsync(string id, CancellationToken cancellationToken)
    {
        var partition = RecordPartition(id);
        var rows = await table.QueryAllAsync(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken, ["PartitionKey", "RowKey", timeProperty]).ConfigureAwait(false);
        if (rows.Find(r => r.RowKey == HeadKey)?.GetInt64(timeProperty) is { } listedAt)
        {
            await DelistAsync(id, listedAt, cancellationToken).ConfigureAwait(false);
        }
        // The head last: until it goes, the record is whole.
        await table.DeleteAllAsync(rows.OrderBy(r => r.RowKey == HeadKey), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Index rows, read as keys only: the records listed. A write interrupted between a record and its index row can
    /// leave one row counted that a listing would skip, until the record is written or removed again.
    /// </summary>
    public async Task<long> CountListedAsync(CancellationToken cancellationToken)
    {
        long count = 0;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {IndexPartition}");
        await foreach (var _ in table.QueryAsync<TableEntity>(filter, 1000, ["RowKey"], cancellationToken).ConfigureAwait(false))
        {
            count++;
        }
        return count;
    }

    /// <summary>
    /// A page of records in index order, keeping only those <paramref name="listed"/> accepts and whose time still
    /// matches their index row. Records are read in parallel a page's worth at a time.
    /// </summary>
    public async Task<Page<T>> ListAsync<T>(int pageSize, string? continuation, Func<StoredRecord, T> read, Func<StoredRecord, bool> listed, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        var after = continuation is null ? "" : TableKeys.DecodeContinuation(continuation);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {IndexPartition} and RowKey gt {after}");
        var found = new List<(string Key, T Item)>();
        var candidates = new List<TableEntity>();
        await foreach (var index in table.QueryAsync<TableEntity>(filter, Math.Min(pageSize + 1, 1000), ["PartitionKey", "RowKey"], cancellationToken).ConfigureAwait(false))
        {
            candidates.Add(index);
            if (found.Count + candidates.Count > pageSize)
            {
                found.AddRange(await ReadListedAsync(candidates, read, listed, cancellationToken).ConfigureAwait(false));
                candidates.Clear();
                if (found.Count > pageSize)
                {
                    return new Page<T>([.. found.Take(pageSize).Select(f => f.Item)], TableKeys.EncodeContinuation(found[pageSize - 1].Key));
                }
            }
        }
        found.AddRange(await ReadListedAsync(candidates, read, listed, cancellationToken).ConfigureAwait(false));
        return found.Count > pageSize
            ? new Page<T>([.. found.Take(pageSize).Select(f => f.Item)], TableKeys.EncodeContinuation(found[pageSize - 1].Key))
            : new Page<T>([.. found.Select(f => f.Item)], null);
    }

    private async Task<List<(string Key, T Item)>> ReadListedAsync<T>(List<TableEntity> indexRows, Func<StoredRecord, T> read, Func<StoredRecord, bool> listed, CancellationToken cancellationToken)
    {
        var records = new StoredRecord?[indexRows.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, indexRows.Count), new ParallelOptions { MaxDegreeOfParallelism = TableCalls.MaxConcurrency, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var record = await ReadPartitionAsync("record:" + indexRows[i].RowKey[20..], ct).ConfigureAwait(false);
            records[i] = record?.Head.GetInt64(timeProperty) is { } ticks && Key(ticks) == indexRows[i].RowKey[..19] && listed(record) ? record : null;
        }).ConfigureAwait(false);
        return [.. records.Select((r, i) => (indexRows[i].RowKey, r)).Where(p => p.r is not null).Select(p => (p.RowKey, read(p.r!)))];
    }

    /// <summary>Index row key: the time, then the escaped id, which is also the record's partition after <c>record:</c>.</summary>
    private static string IndexKey(long ticks, string id) => Key(ticks) + ":" + TableKeys.Escape(id);

    private static string Key(long ticks) => TableKeys.Ticks(new DateTimeOffset(ticks, TimeSpan.Zero));
}
