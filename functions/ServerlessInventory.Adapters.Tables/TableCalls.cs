using Azure;
using Azure.Data.Tables;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Adapters.Tables;

/// <summary>Table calls every repository makes the same way: transactions of at most 100, keyset pages, status checks.</summary>
internal static class TableCalls
{
    /// <summary>Most operations one entity group transaction may hold.</summary>
    public const int MaxTransactionSize = 100;

    /// <summary>Parallel table calls at once: enough to hide latency, few enough not to be throttled.</summary>
    public const int MaxConcurrency = 16;

    /// <summary>
    /// Submits <paramref name="actions"/> (all of one partition) as transactions of at most 100, in order. Each chunk
    /// is atomic; callers that need all-or-nothing across chunks order their writes so that a commit point comes last.
    /// </summary>
    public static async Task SubmitAsync(this TableClient table, IEnumerable<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        foreach (var chunk in actions.Chunk(MaxTransactionSize))
        {
            await table.SubmitTransactionAsync(chunk, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Deletes <paramref name="rows"/> (all of one partition) in transactions of 100; where someone else deleted one
    /// first (the transaction fails whole with 404), that chunk is deleted row by row instead.
    /// </summary>
    public static async Task DeleteAllAsync(this TableClient table, IEnumerable<TableEntity> rows, CancellationToken cancellationToken)
    {
        foreach (var chunk in rows.Chunk(MaxTransactionSize))
        {
            try
            {
                await table.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, ETag.All)), cancellationToken).ConfigureAwait(false);
            }
            catch (TableTransactionFailedException gone) when (gone.Status == 404)
            {
                foreach (var row in chunk)
                {
                    await table.DeleteIfExistsAsync(row.PartitionKey, row.RowKey, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>
    /// One page of a range scan ordered by row key: up to <paramref name="pageSize"/> items, reading service pages until
    /// it has one more than that (so a short page only ever means the end), continuation = the last row key returned.
    /// </summary>
    public static async Task<Core.Ports.Page<T>> PageAsync<T>(this TableClient table, string filter, int pageSize, Func<TableEntity, T> read, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        var items = new List<T>(Math.Min(pageSize, 1000));
        string? lastKey = null;
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, Math.Min(pageSize + 1, 1000), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (items.Count == pageSize)
            {
                return new Core.Ports.Page<T>(items, TableKeys.EncodeContinuation(lastKey!));
            }
            items.Add(read(entity));
            lastKey = entity.RowKey;
        }
        return new Core.Ports.Page<T>(items, null);
    }

    /// <summary>Every entity the filter matches, all service pages read.</summary>
    public static async Task<List<TableEntity>> QueryAllAsync(this TableClient table, string filter, CancellationToken cancellationToken, IEnumerable<string>? select = null)
    {
        var entities = new List<TableEntity>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, 1000, select, cancellationToken).ConfigureAwait(false))
        {
            entities.Add(entity);
        }
        return entities;
    }

    public static async Task<TableEntity?> GetOrNullAsync(this TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>Deletes the entity if it is there; gone already is as good (the SDK answers that 404 without throwing).</summary>
    public static Task DeleteIfExistsAsync(this TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken) =>
        table.DeleteEntityAsync(partitionKey, rowKey, ETag.All, cancellationToken);

    /// <summary>Lost a race: the entity was added (409) or changed (412) by someone else since it was read.</summary>
    public static bool IsConcurrencyConflict(this RequestFailedException failure) => failure.Status is 409 or 412;
}
