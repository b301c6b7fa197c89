using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Adapters.Tables;

/// <summary>
/// Push state on Table storage (table <c>PushStates</c>).
/// <para>Keys. A state is a row in partition <c>sku:{sku}</c>, row key = channel: a push round reads by SKU, so one
/// partition query returns every channel's state of a SKU, and many SKUs are read as parallel partition queries
/// (bounded, <see cref="TableCalls.MaxConcurrency"/>), never as one OR filter, which would scan the whole table.</para>
/// <para>Concurrency. Several function instances may save the same (channel, SKU) at once. A save reads the row, decides
/// by <see cref="PushState.Supersedes"/>, then inserts (add-only: a row added meanwhile fails with 409) or replaces
/// with If-Match on the ETag read (a row changed meanwhile fails with 412); on either it reads again and decides again.
/// So the decision is always made against what is stored when the write lands.</para>
/// <para>Owed states (<see cref="PushStateOwedIndex"/>) are listed through an index rather than by a filter on
/// <c>Delivered eq false</c>: that filter would scan every state of every SKU on each retry round (one row per channel
/// and SKU, hundreds of thousands), whereas the index costs one more write per new value and one delete per delivery.</para>
/// </summary>
public sealed class TablesPushStateStore(TableClient table) : IPushStateStore
{
    private readonly PushStateOwedIndex _owed = new(table);

    internal static string Partition(Sku sku) => "sku:" + sku.Value;

    public async Task<IReadOnlyList<PushState>> GetAsync(IReadOnlyCollection<Sku> skus, CancellationToken cancellationToken)
    {
        var states = new ConcurrentBag<PushState>();
        await Parallel.ForEachAsync(skus.Distinct(), new ParallelOptions { MaxDegreeOfParallelism = TableCalls.MaxConcurrency, CancellationToken = cancellationToken }, async (sku, ct) =>
        {
            foreach (var row in await ReadSkuAsync(sku, ct).ConfigureAwait(false))
            {
                states.Add(Read(row));
            }
        }).ConfigureAwait(false);
        return [.. states];
    }

    public async Task<IReadOnlyList<PushState>> SaveAsync(IReadOnlyList<PushState> states, CancellationToken cancellationToken)
    {
        var refused = new ConcurrentBag<PushState>();
        await Parallel.ForEachAsync(states.GroupBy(s => s.Sku), new ParallelOptions { MaxDegreeOfParallelism = TableCalls.MaxConcurrency, CancellationToken = cancellationToken }, async (group, ct) =>
        {
            var stored = (await ReadSkuAsync(group.Key, ct).ConfigureAwait(false)).ToDictionary(r => r.RowKey, StringComparer.Ordinal);
            foreach (var state in group)
            {
                if (!await SaveOneAsync(state, stored, ct).ConfigureAwait(false))
                {
                    refused.Add(state);
                }
            }
        }).ConfigureAwait(false);
        return [.. refused];
    }

    public Task<IReadOnlyList<PushState>> ListUndeliveredAsync(int limit, CancellationToken cancellationToken) => _owed.ListAsync(limit, this, cancellationToken);

    internal Task<List<TableEntity>> ReadSkuAsync(Sku sku, CancellationToken cancellationToken) =>
        table.QueryAllAsync(TableClient.CreateQueryFilter($"PartitionKey eq {Partition(sku)}"), cancellationToken);

    internal static PushState Read(TableEntity row) => new(
        new ChannelId(row.RowKey),
        new Sku(row.GetString("Sku")),
        row.GetInt32("Available") ?? 0,
        row.GetInt64("Version") ?? 0,
        row.GetBoolean("Delivered") ?? false,
        TableTime.FromTicks(row.GetInt64("UpdatedAtTicks")));

    /// <summary>Saves one state if it supersedes what is stored when the write lands; <paramref name="stored"/> is kept current.</summary>
    private async Task<bool> SaveOneAsync(PushState state, Dictionary<string, TableEntity> stored, CancellationToken cancellationToken)
    {
        var channel = state.Channel.Value;
        while (true)
        {
            var current = stored.GetValueOrDefault(channel);
            var previous = current is null ? null : Read(current);
            if (!state.Supersedes(previous))
            {
                return false;
            }
            if (!state.Delivered)
            {
                // Listed before it is stored: a crash in between leaves a hint the listing drops, never an owed state it misses.
                await _owed.AddAsync(state, cancellationToken).ConfigureAwait(false);
            }
            var row = new TableEntity(Partition(state.Sku), channel)
            {
                ["Sku"] = state.Sku.Value,
                ["Available"] = state.Available,
                ["Version"] = state.Version,
                ["Delivered"] = state.Delivered,
                ["UpdatedAtTicks"] = state.UpdatedAt.UtcTicks,
            };
            try
            {
                var response = current is null
                    ? await table.AddEntityAsync(row, cancellationToken).ConfigureAwait(false)
                    : await table.UpdateEntityAsync(row, current.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                row.ETag = response.Headers.ETag ?? default;
                stored[channel] = row;
            }
            catch (RequestFailedException conflict) when (conflict.IsConcurrencyConflict())
            {
                // Another instance wrote first: decide again against what it wrote.
                var fresh = await table.GetOrNullAsync(Partition(state.Sku), channel, cancellationToken).ConfigureAwait(false);
                if (fresh is null)
                {
                    stored.Remove(channel);
                }
                else
                {
                    stored[channel] = fresh;
                }
                continue;
            }
            if (previous is { Delivered: false })
            {
                await _owed.RemoveReplacedAsync(previous, state, cancellationToken).ConfigureAwait(false);
            }
            return true;
        }
    }
}
