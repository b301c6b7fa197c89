using Azure;
using Azure.Data.Tables;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Adapters.Tables;

/// <summary>
/// The channel registry on Table storage (table <c>Channels</c>). No secrets are stored: they stay in configuration.
/// <para>Keys. Every channel's head row is in one partition, <c>channels</c>, row key = channel id: listing every channel
/// is one partition scan in id order, and the head's ETag is the concurrency token. Mappings may hold thousands of SKUs,
/// far more than one 64 KiB property, so each mapping is its own row in partition <c>map:{channel}</c>, row key
/// <c>{generation}:sku:{escaped external}</c> or <c>{generation}:location:{escaped external}</c>.</para>
/// <para>Atomic edits without a cross-partition transaction. An upsert writes the new mappings under a fresh generation
/// (invisible: the head still names the old one), then replaces the head with If-Match on the token (add-only for a new
/// channel): that single write is the commit point, a lost race writes nothing visible. The old generation's rows are
/// deleted after. A read takes the head's generation, reads that generation's rows, and reads again if the head changed
/// meanwhile, so it never returns half of an edit.</para>
/// </summary>
public sealed class TablesChannelRegistry(TableClient table) : IChannelRegistry
{
    private const string HeadPartition = "channels";

    public async Task<IReadOnlyList<ChannelRegistration>> ListAsync(CancellationToken cancellationToken)
    {
        var heads = await table.QueryAllAsync(TableClient.CreateQueryFilter($"PartitionKey eq {HeadPartition}"), cancellationToken).ConfigureAwait(false);
        var channels = new ChannelRegistration?[heads.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, heads.Count), new ParallelOptions { MaxDegreeOfParallelism = TableCalls.MaxConcurrency, CancellationToken = cancellationToken }, async (i, ct) =>
            channels[i] = await ReadAsync(heads[i], ct).ConfigureAwait(false)).ConfigureAwait(false);
        return [.. channels.OfType<ChannelRegistration>()];
    }

    public async Task<ChannelRegistration?> GetAsync(ChannelId channel, CancellationToken cancellationToken)
    {
        var head = await table.GetOrNullAsync(HeadPartition, channel.Value, cancellationToken).ConfigureAwait(false);
        return head is null ? null : await ReadAsync(head, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ChannelSaveResult> UpsertAsync(ChannelRegistration registration, CancellationToken cancellationToken)
    {
        var channel = registration.Channel.Value;
        var current = await table.GetOrNullAsync(HeadPartition, channel, cancellationToken).ConfigureAwait(false);
        if (current?.ETag.ToString() != registration.ConcurrencyToken)
        {
            return new ChannelSaveResult(ChannelSaveOutcome.Conflict, null);
        }
        var generation = Guid.NewGuid().ToString("N");
        await table.SubmitAsync(ChannelRows.Mappings(registration, MapPartition(channel), generation)
            .Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row)), cancellationToken).ConfigureAwait(false);
        var head = ChannelRows.Head(registration, HeadPartition, generation);
        Response response;
        try
        {
            response = current is null
                ? await table.AddEntityAsync(head, cancellationToken).ConfigureAwait(false)
                : await table.UpdateEntityAsync(head, current.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException conflict) when (conflict.IsConcurrencyConflict())
        {
            await DeleteMappingsAsync(channel, keep: null, only: generation, cancellationToken).ConfigureAwait(false);
            return new ChannelSaveResult(ChannelSaveOutcome.Conflict, null);
        }
        await DeleteMappingsAsync(channel, keep: generation, only: null, cancellationToken).ConfigureAwait(false);
        return new ChannelSaveResult(current is null ? ChannelSaveOutcome.Created : ChannelSaveOutcome.Updated, response.Headers.ETag?.ToString());
    }

    public async Task<bool> RemoveAsync(ChannelId channel, CancellationToken cancellationToken)
    {
        // The SDK answers a delete of a missing entity with its 404 response rather than an exception.
        var deleted = await table.DeleteEntityAsync(HeadPartition, channel.Value, ETag.All, cancellationToken).ConfigureAwait(false);
        if (deleted.Status == 404)
        {
            return false;
        }
        // Registered again meanwhile? Then its generation stays.
        var again = await table.GetOrNullAsync(HeadPartition, channel.Value, cancellationToken).ConfigureAwait(false);
        await DeleteMappingsAsync(channel.Value, keep: again?.GetString(ChannelRows.GenerationProperty), only: null, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static string MapPartition(string channel) => "map:" + channel;

    /// <summary>The registration the head names, with its generation's mappings; null if it was removed while being read.</summary>
    private async Task<ChannelRegistration?> ReadAsync(TableEntity head, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var generation = head.GetString(ChannelRows.GenerationProperty) + ":";
            var rows = await table.QueryAllAsync(
                TableClient.CreateQueryFilter($"PartitionKey eq {MapPartition(head.RowKey)} and RowKey ge {generation} and RowKey lt {TableKeys.PrefixEnd(generation)}"),
                cancellationToken).ConfigureAwait(false);
            var now = await table.GetOrNullAsync(HeadPartition, head.RowKey, cancellationToken).ConfigureAwait(false);
            if (now is null)
            {
                return null;
            }
            if (now.ETag == head.ETag || attempt == 5)
            {
                return ChannelRows.Read(head, rows);
            }
            head = now; // Edited while it was being read: its old generation's rows may be half deleted.
        }
    }

    /// <summary>Deletes mapping rows of every generation but <paramref name="keep"/>, or only of <paramref name="only"/>.</summary>
    private async Task DeleteMappingsAsync(string channel, string? keep, string? only, CancellationToken cancellationToken)
    {
        var rows = await table.QueryAllAsync(TableClient.CreateQueryFilter($"PartitionKey eq {MapPartition(channel)}"), cancellationToken, ["PartitionKey", "RowKey"]).ConfigureAwait(false);
        var doomed = rows.Where(r =>
        {
            var generation = r.RowKey[..r.RowKey.IndexOf(':', StringComparison.Ordinal)];
            return only is not null ? generation == only : generation != keep;
        });
        await table.DeleteAllAsync(doomed, cancellationToken).ConfigureAwait(false);
    }
}
