using System.Globalization;
using Azure.Data.Tables;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Adapters.Tables;

/// <summary>
/// The index of owed push states, in the <c>PushStates</c> table beside the states (their partitions start with
/// <c>sku:</c>, the index's with <c>owed:</c>, so they never meet).
/// <para>Keys. Partition <c>owed:{shard}</c>, 16 shards by a stable hash of the SKU, so that every push round's
/// index writes do not fall on one partition (a partition serves about 2,000 entities a second); row key
/// <c>{UpdatedAt UTC ticks, 19 digits}:{channel length, 3 digits}{channel}{sku}</c>, so each shard is oldest first and
/// the length prefix keeps every (channel, SKU) pair distinct. Listing merges the 16 shards in key order.</para>
/// <para>An index row is a hint: it counts only while the state it names is still owed at its version. A row whose
/// state has moved past it (a higher version, or delivered) is removed when seen; one whose state is behind it or
/// missing may belong to a save in flight and is skipped, not removed (a save in flight can only be of a higher version:
/// the same version owed twice is refused).</para>
/// </summary>
internal sealed class PushStateOwedIndex(TableClient table)
{
    private const int Shards = 16;

    public Task AddAsync(PushState state, CancellationToken cancellationToken) =>
        table.UpsertEntityAsync(new TableEntity(Shard(state.Sku), Key(state))
        {
            ["Sku"] = state.Sku.Value,
            ["Channel"] = state.Channel.Value,
            ["Version"] = state.Version,
        }, TableUpdateMode.Replace, cancellationToken);

    /// <summary>Removes <paramref name="previous"/>'s row once <paramref name="saved"/> replaced it, unless both have the same row.</summary>
    public Task RemoveReplacedAsync(PushState previous, PushState saved, CancellationToken cancellationToken) =>
        !saved.Delivered && Key(previous) == Key(saved) ? Task.CompletedTask : table.DeleteIfExistsAsync(Shard(previous.Sku), Key(previous), cancellationToken);

    /// <summary>Up to <paramref name="limit"/> owed states, oldest first, each checked against its stored state.</summary>
    public async Task<IReadOnlyList<PushState>> ListAsync(int limit, TablesPushStateStore states, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var shards = Enumerable.Range(0, Shards)
            .Select(i => table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {ShardName(i)}"), Math.Min(limit, 1000), cancellationToken: cancellationToken).GetAsyncEnumerator(cancellationToken))
            .ToList();
        try
        {
            var owed = new List<PushState>();
            var merged = new ShardMerge(shards);
            while (owed.Count < limit)
            {
                var candidates = await merged.TakeAsync(Math.Min(limit - owed.Count, 200)).ConfigureAwait(false);
                if (candidates.Count == 0)
                {
                    break;
                }
                owed.AddRange(await CheckAsync(candidates, states, cancellationToken).ConfigureAwait(false));
            }
            return owed;
        }
        finally
        {
            foreach (var shard in shards)
            {
                await shard.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>The candidates whose state is still owed at their version, in candidate order; removes the ones that are past.</summary>
    private async Task<List<PushState>> CheckAsync(List<TableEntity> candidates, TablesPushStateStore states, CancellationToken cancellationToken)
    {
        var skus = candidates.Select(c => new Sku(c.GetString("Sku"))).Distinct().ToList();
        var stored = (await states.GetAsync(skus, cancellationToken).ConfigureAwait(false)).ToDictionary(s => (s.Channel.Value, s.Sku.Value));
        var owed = new List<PushState>();
        var past = new List<TableEntity>();
        foreach (var candidate in candidates)
        {
            var version = candidate.GetInt64("Version") ?? 0;
            var state = stored.GetValueOrDefault((candidate.GetString("Channel"), candidate.GetString("Sku")));
            if (state is { Delivered: false } && state.Version == version && Key(state) == candidate.RowKey)
            {
                owed.Add(state);
            }
            else if (state is not null && (state.Version > version || (state.Version == version && (state.Delivered || Key(state) != candidate.RowKey))))
            {
                past.Add(candidate);
            }
        }
        await Parallel.ForEachAsync(past, new ParallelOptions { MaxDegreeOfParallelism = TableCalls.MaxConcurrency, CancellationToken = cancellationToken }, (row, ct) =>
            new ValueTask(table.DeleteIfExistsAsync(row.PartitionKey, row.RowKey, ct))).ConfigureAwait(false);
        return owed;
    }

    private static string Key(PushState state) =>
        $"{TableKeys.Ticks(state.UpdatedAt)}:{state.Channel.Value.Length.ToString("D3", CultureInfo.InvariantCulture)}{state.Channel.Value}{state.Sku.Value}";

    private static string Shard(Sku sku)
    {
        // FNV-1a over the characters: stable across processes and releases, unlike string.GetHashCode.
        var hash = 2166136261u;
        foreach (var c in sku.Value)
        {
            hash = (hash ^ c) * 16777619u;
        }
        return ShardName((int)(hash % Shards));
    }

    private static string ShardName(int shard) => "owed:" + shard.ToString("D2", CultureInfo.InvariantCulture);

    /// <summary>Merges the shards' queries, each in row-key order, into one stream in row-key order.</summary>
    private sealed class ShardMerge(List<IAsyncEnumerator<TableEntity>> shards)
    {
        private readonly TableEntity?[] _heads = new TableEntity?[shards.Count];
        private bool _started;

        public async Task<List<TableEntity>> TakeAsync(int count)
        {
            if (!_started)
            {
                _started = true;
                for (var i = 0; i < shards.Count; i++)
                {
                    _heads[i] = await shards[i].MoveNextAsync().ConfigureAwait(false) ? shards[i].Current : null;
                }
            }
            var taken = new List<TableEntity>(count);
            while (taken.Count < count)
            {
                var next = -1;
                for (var i = 0; i < _heads.Length; i++)
                {
                    if (_heads[i] is { } head && (next < 0 || string.CompareOrdinal(head.RowKey, _heads[next]!.RowKey) < 0))
                    {
                        next = i;
                    }
                }
                if (next < 0)
                {
                    break;
                }
                taken.Add(_heads[next]!);
                _heads[next] = await shards[next].MoveNextAsync().ConfigureAwait(false) ? shards[next].Current : null;
            }
            return taken;
        }
    }
}
