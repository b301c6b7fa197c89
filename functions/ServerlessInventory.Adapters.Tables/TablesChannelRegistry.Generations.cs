using Azure;
using Azure.Data.Tables;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Adapters.Tables;

/// <summary>
/// Reading a generation whole, and deleting the generations no head names any more.
/// <para>Cleanup. After a commit, only the generation the replaced (or removed) head named is deleted: it is the one
/// generation known to be dead. Every other generation in the partition may be another writer's, written and about
/// to be committed (its If-Match taken after this commit), so it is not touched on sight. A writer that loses its
/// If-Match deletes its own rows. What is left, rows of a writer that crashed or whose cleanup failed, is swept
/// later: a generation other than the one just committed whose newest row is older than <see cref="OrphanGrace"/>
/// before this commit (both times the storage service's, so no host clock is trusted).</para>
/// <para>Why the sweep cannot take a live generation. A writer commits only if its If-Match holds, so it read the head
/// after every commit before its own; an update that commits after this one therefore wrote its rows after this
/// commit, younger than any grace. Only an add after a remove could use rows written before this commit, and a writer
/// gives up (deleting its rows) if more than <see cref="MaxWriteTime"/> passed between its read and its commit, well
/// inside the grace even with the SDK's retries of that last call.</para>
/// </summary>
public sealed partial class TablesChannelRegistry
{
    /// <summary>How long before a commit a generation's newest row must be for the sweep to take it for an orphan.</summary>
    internal static readonly TimeSpan OrphanGrace = TimeSpan.FromHours(1);

    /// <summary>The longest a writer may take from its head read to its commit; past it, it saves nothing.</summary>
    internal static readonly TimeSpan MaxWriteTime = TimeSpan.FromMinutes(10);

    /// <summary>Times a read retries when the head changed while its rows were read, before giving up.</summary>
    private const int ReadAttempts = 5;

    private readonly TimeSpan _orphanGrace = OrphanGrace;

    private static string MapPartition(string channel) => "map:" + channel;

    private static string GenerationOf(TableEntity row) => row.RowKey[..row.RowKey.IndexOf(':', StringComparison.Ordinal)];

    /// <summary>
    /// The registration the head names, with its generation's mappings; null if it was removed while being read.
    /// Throws if the head kept changing: returning the old head then could pair it with half-deleted rows.
    /// </summary>
    private async Task<ChannelRegistration?> ReadAsync(TableEntity head, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var rows = await table.QueryAllAsync(GenerationFilter(head.RowKey, head.GetString(ChannelRows.GenerationProperty)), cancellationToken).ConfigureAwait(false);
            var now = await table.GetOrNullAsync(HeadPartition, head.RowKey, cancellationToken).ConfigureAwait(false);
            if (now is null)
            {
                return null;
            }
            if (now.ETag == head.ETag)
            {
                return ChannelRows.Read(head, rows);
            }
            if (attempt == ReadAttempts)
            {
                // A livelock, not a fault: callers retry later (the catalog keeps its last value meanwhile).
                throw new InvalidOperationException($"the channel {head.RowKey} kept changing while being read; try again");
            }
            head = now; // Edited while it was being read: its old generation's rows may be half deleted.
        }
    }

    /// <summary>Deletes the rows of one generation no head names (a lost commit's own rows).</summary>
    private async Task DeleteGenerationAsync(string channel, string generation, CancellationToken cancellationToken)
    {
        var rows = await table.QueryAllAsync(GenerationFilter(channel, generation), cancellationToken, ["PartitionKey", "RowKey"]).ConfigureAwait(false);
        await table.DeleteAllAsync(rows, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// After a commit (at <paramref name="committedAt"/>, the service's time): deletes the <paramref name="replaced"/>
    /// generation and orphans older than the grace, never <paramref name="committed"/>. The edit is already saved, so
    /// a storage failure here is left to the next edit's sweep rather than reported as a failed save.
    /// </summary>
    private async Task CleanUpAsync(string channel, string? replaced, string? committed, DateTimeOffset? committedAt, CancellationToken cancellationToken)
    {
        try
        {
            var rows = await table.QueryAllAsync(TableClient.CreateQueryFilter($"PartitionKey eq {MapPartition(channel)}"), cancellationToken, ["PartitionKey", "RowKey", "Timestamp"]).ConfigureAwait(false);
            var doomed = rows.GroupBy(GenerationOf, StringComparer.Ordinal)
                .Where(generation => generation.Key == replaced
                    || (generation.Key != committed && committedAt is { } at && generation.Max(r => r.Timestamp) < at - _orphanGrace))
                .SelectMany(generation => generation);
            await table.DeleteAllAsync(doomed, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException)
        {
            // Left for the sweep: the replaced generation becomes an orphan once no head names it.
        }
    }

    private static string GenerationFilter(string channel, string? generation)
    {
        var prefix = generation + ":";
        return TableClient.CreateQueryFilter($"PartitionKey eq {MapPartition(channel)} and RowKey ge {prefix} and RowKey lt {TableKeys.PrefixEnd(prefix)}");
    }
}
