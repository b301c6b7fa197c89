using System.Diagnostics;
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
/// <c>{generation}:sku:{escaped external}</c>, <c>{generation}:variant:{escaped external}</c> or <c>{generation}:location:{escaped external}</c>.</para>
/// <para>Atomic edits without a cross-partition transaction. An upsert writes the new mappings under a fresh generation
/// (invisible: the head still names the old one), then replaces the head with If-Match on the token (add-only for a new
/// channel): that single write is the commit point, a lost race writes nothing visible. The old generation's rows are
/// deleted after, and only that one: another writer's generation may be written and about to be committed. A read takes
/// the head's generation, reads that generation's rows, and reads again if the head changed meanwhile, so it never
/// returns half of an edit (see TablesChannelRegistry.Generations.cs for the cleanup and the reads).</para>
/// </summary>
public sealed partial class TablesChannelRegistry(TableClient table) : IChannelRegistry
{
    private const string HeadPartition = "channels";

    /// <summary>A registry whose orphan sweep waits <paramref name="orphanGrace"/> instead of an hour (tests).</summary>
    internal TablesChannelRegistry(TableClient table, TimeSpan orphanGrace) : this(table) => _orphanGrace = orphanGrace;

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
        var started = Stopwatch.GetTimestamp();
        var current = await table.GetOrNullAsync(HeadPartition, channel, cancellationToken).ConfigureAwait(false);
        if (current?.ETag.ToString() != registration.ConcurrencyToken)
        {
            return new ChannelSaveResult(ChannelSaveOutcome.Conflict, null);
        }
        var generation = Guid.NewGuid().ToString("N");
        await table.SubmitAsync(ChannelRows.Mappings(registration, MapPartition(channel), generation)
            .Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row)), cancellationToken).ConfigureAwait(false);
        if (Stopwatch.GetElapsedTime(started) > MaxWriteTime)
        {
            // Past this, another writer's sweep could take these rows for an orphan's (see OrphanGrace).
            await DeleteGenerationAsync(channel, generation, cancellationToken).ConfigureAwait(false);
            throw new TimeoutException($"writing the mappings of channel {channel} took longer than {MaxWriteTime}; nothing was saved, try again");
        }
        var head = ChannelRows.Head(registration, HeadPartition, generation);
        Response response;
        try
        {
            response = current is null
                ? await table.AddEntityAsync(head, cancellationToken).ConfigureAwait(false)
                : await table.UpdateEntityAsync(head, current.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException lost) when (lost.IsConcurrencyConflict() || lost.Status == 404)
        {
            // Changed (412), added (409) or removed (404) since the read: no head ever named these rows, so no one reads them.
            await DeleteGenerationAsync(channel, generation, cancellationToken).ConfigureAwait(false);
            return new ChannelSaveResult(ChannelSaveOutcome.Conflict, null);
        }
        await CleanUpAsync(channel, current?.GetString(ChannelRows.GenerationProperty), generation, response.Headers.Date, cancellationToken).ConfigureAwait(false);
        return new ChannelSaveResult(current is null ? ChannelSaveOutcome.Created : ChannelSaveOutcome.Updated, response.Headers.ETag?.ToString());
    }

    public async Task<ChannelRemoveOutcome> RemoveAsync(ChannelId channel, string? concurrencyToken, CancellationToken cancellationToken)
    {
        // Delete with If-Match on the head read, so the generation cleaned up is the one the deleted head named.
        for (; ; )
        {
            var head = await table.GetOrNullAsync(HeadPartition, channel.Value, cancellationToken).ConfigureAwait(false);
            if (head is null)
            {
                return ChannelRemoveOutcome.NotRegistered;
            }
            if (concurrencyToken is not null && head.ETag.ToString() != concurrencyToken)
            {
                return ChannelRemoveOutcome.Conflict;
            }
            Response deleted;
            try
            {
                deleted = await table.DeleteEntityAsync(HeadPartition, channel.Value, head.ETag, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException changed) when (changed.Status == 412)
            {
                if (concurrencyToken is not null)
                {
                    return ChannelRemoveOutcome.Conflict;
                }
                continue; // Edited meanwhile and no token given: remove that edit instead.
            }
            // The SDK answers a delete of a missing entity with its 404 response rather than an exception.
            if (deleted.Status == 404)
            {
                return ChannelRemoveOutcome.NotRegistered;
            }
            await CleanUpAsync(channel.Value, head.GetString(ChannelRows.GenerationProperty), null, deleted.Headers.Date, cancellationToken).ConfigureAwait(false);
            return ChannelRemoveOutcome.Removed;
        }
    }
}
