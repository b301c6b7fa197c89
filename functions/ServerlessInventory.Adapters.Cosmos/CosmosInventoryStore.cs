using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Azure.Cosmos;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Adapters.Cosmos;

/// <summary>
/// The master on Cosmos DB (container partitioned by <c>/sku</c>; item shapes in <see cref="CosmosItems"/>). A load is
/// one query in the SKU's partition; a commit is one transactional batch in it: the head replaced with If-Match on
/// the ETag the load saw (created, for a new SKU), ledger items created, reservations upserted. A stale head fails
/// the batch as a version conflict; a ledger id that exists fails it as a duplicate; either way nothing is written.
/// Reported levels a commit keeps (<c>l:{channel}:{location}</c> items) are upserted in the same batch. So a delivered
/// batch of a SKU's events, level reports included, costs one query and one transactional batch.
/// </summary>
public sealed partial class CosmosInventoryStore(Container container) : IInventoryStore
{
    /// <summary>
    /// The positions and open orders each loaded head held, keyed by the very ETag string the snapshot carries to its
    /// commit. The head is replaced whole while a commit names only what it changed; remembering what the load saw spares
    /// the commit a second read. Entries live exactly as long as a snapshot or commit holds the token.
    /// </summary>
    private readonly ConditionalWeakTable<string, LoadedHead> _loadedHeads = new();

    /// <summary>
    /// The ETag of each reported-level item a load read (by item id), keyed like <see cref="_loadedHeads"/>: a commit
    /// replaces a level only as it was read, so a level pulled meanwhile (outside any commit) is never overwritten.
    /// </summary>
    private readonly ConditionalWeakTable<string, Dictionary<string, string>> _loadedLevels = new();

    public async Task<CommitResult> CommitAsync(SkuCommit commit, CancellationToken cancellationToken)
    {
        if (commit.ItemCount > SkuCommit.MaxItems)
        {
            throw new ArgumentException($"a commit holds at most {SkuCommit.MaxItems} ledger entries, reservations and reported levels", nameof(commit));
        }
        var partition = new PartitionKey(commit.Sku.Value);
        var loaded = commit.ExpectedVersion == 0 ? new LoadedHead([], []) : await LoadedHeadAsync(commit, partition, cancellationToken).ConfigureAwait(false);
        if (loaded is null)
        {
            return new CommitResult.VersionConflict();
        }

        var streams = new List<Stream> { CosmosItems.Head(commit.Sku, commit.NewVersion, loaded.With(commit)) };
        var batch = container.CreateTransactionalBatch(partition);
        batch = commit.ExpectedVersion == 0
            ? batch.CreateItemStream(streams[0])
            : batch.ReplaceItemStream(CosmosItems.HeadId, streams[0], new TransactionalBatchItemRequestOptions { IfMatchEtag = commit.ConcurrencyToken });
        for (var i = 0; i < commit.Ledger.Count; i++)
        {
            streams.Add(CosmosItems.Ledger(commit.Ledger[i], commit.NewVersion, i));
            batch = batch.CreateItemStream(streams[^1]);
        }
        foreach (var reservation in commit.Reservations)
        {
            streams.Add(CosmosItems.Reservation(reservation));
            batch = batch.UpsertItemStream(streams[^1]);
        }
        // The decision compared each level with the one the load read; another commit keeping one since fails the head's
        // If-Match, and a level pulled since (CosmosReportedLevelStore, outside any commit) fails the level's own: replaced
        // under the ETag read, created only if none was read. A commit whose load this store did not see (no token of
        // a head it loaded: a SKU the master never held) upserts, as there is nothing to compare with.
        var levelETags = commit.ConcurrencyToken is { } loadedToken && _loadedLevels.TryGetValue(loadedToken, out var tags) ? tags : null;
        foreach (var level in commit.Levels)
        {
            streams.Add(CosmosItems.Level(level));
            var id = CosmosItems.LevelItemId(level.Channel, level.Location);
            batch = levelETags is null ? batch.UpsertItemStream(streams[^1])
                : levelETags.TryGetValue(id, out var etag) ? batch.ReplaceItemStream(id, streams[^1], new TransactionalBatchItemRequestOptions { IfMatchEtag = etag })
                : batch.CreateItemStream(streams[^1]);
        }
        try
        {
            using var response = await batch.ExecuteAsync(cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode
                ? new CommitResult.Committed(commit.NewVersion)
                : await FailureAsync(commit, response, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            streams.ForEach(s => s.Dispose());
        }
    }

    public async Task<LedgerPage> ReadLedgerAsync(Sku sku, int pageSize, string? continuation, CancellationToken cancellationToken)
    {
        var before = continuation is null ? long.MaxValue : ParseContinuation(continuation);
        // One more than asked says whether another page follows; the continuation is the last sequence returned.
        var query = new QueryDefinition($"SELECT TOP {pageSize + 1} c.entry, c.seq FROM c WHERE c.type = '{CosmosItems.LedgerType}' AND c.seq < @before ORDER BY c.seq DESC")
            .WithParameter("@before", before);
        var items = await CosmosQueries.ReadAllAsync(container, query, new PartitionKey(sku.Value), cancellationToken, pageSize + 1).ConfigureAwait(false);
        var page = items.Take(pageSize).ToList();
        var next = items.Count > pageSize ? page[^1].GetProperty("seq").GetInt64().ToString(CultureInfo.InvariantCulture) : null;
        return new LedgerPage([.. page.Select(CosmosItems.ReadLedger)], next);
    }

    public async Task<Sku?> FindReservationSkuAsync(ReservationId reservationId, CancellationToken cancellationToken)
    {
        // The one lookup that does not know its SKU: an indexed id match across partitions.
        var query = new QueryDefinition("SELECT VALUE c.sku FROM c WHERE c.id = @id").WithParameter("@id", CosmosItems.ReservationItemId(reservationId));
        var items = await CosmosQueries.ReadAllAsync(container, query, partition: null, cancellationToken, limit: 1).ConfigureAwait(false);
        return items.Count == 0 ? null : new Sku(items[0].GetString()!);
    }

    public async Task<IReadOnlyList<Reservation>> FindLapsedReservationsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        var query = new QueryDefinition($"SELECT * FROM c WHERE c.type = '{CosmosItems.ReservationType}' AND c.status = 'active' AND c.expiresAt <= @now")
            .WithParameter("@now", CosmosItems.Time(now));
        var items = await CosmosQueries.ReadAllAsync(container, query, partition: null, cancellationToken, limit).ConfigureAwait(false);
        return [.. items.Select(CosmosItems.ReadReservation)];
    }

    /// <summary>
    /// The head the commit's token names: as loaded, or read again when this store did not load it; null when the head
    /// has moved on (the batch would fail on its ETag anyway).
    /// </summary>
    private async Task<LoadedHead?> LoadedHeadAsync(SkuCommit commit, PartitionKey partition, CancellationToken cancellationToken)
    {
        if (commit.ConcurrencyToken is { } token && _loadedHeads.TryGetValue(token, out var loaded))
        {
            return loaded;
        }
        using var response = await container.ReadItemStreamAsync(CosmosItems.HeadId, partition, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (CosmosQueries.IsNotFound(response))
        {
            return null;
        }
        CosmosQueries.EnsureSuccess(response);
        if (response.Headers.ETag != commit.ConcurrencyToken)
        {
            return null;
        }
        using var head = await JsonDocument.ParseAsync(response.Content, cancellationToken: cancellationToken).ConfigureAwait(false);
        return CosmosItems.ReadHead(head.RootElement);
    }

    private async Task<CommitResult> FailureAsync(SkuCommit commit, TransactionalBatchResponse response, CancellationToken cancellationToken)
    {
        var failed = Enumerable.Range(0, response.Count).FirstOrDefault(i => response[i].StatusCode != HttpStatusCode.FailedDependency, -1);
        var status = failed < 0 ? response.StatusCode : response[failed].StatusCode;
        var firstLevel = 1 + commit.Ledger.Count + commit.Reservations.Count;
        if ((failed == 0 || failed >= firstLevel) && status is HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict or HttpStatusCode.NotFound)
        {
            // The head moved on, or a level changed since the load: decided again on what is there now.
            return new CommitResult.VersionConflict();
        }
        if (failed >= 1 && failed <= commit.Ledger.Count && status == HttpStatusCode.Conflict)
        {
            // The batch stops at the first existing id; the caller is told every one.
            var keys = commit.Ledger.ToDictionary(e => e.EventKey.Value, e => e.EventKey, StringComparer.Ordinal);
            var query = new QueryDefinition($"SELECT VALUE c.eventKey FROM c WHERE c.type = '{CosmosItems.LedgerType}' AND ARRAY_CONTAINS(@events, c.eventKey)")
                .WithParameter("@events", keys.Keys.ToArray());
            var existing = await CosmosQueries.ReadAllAsync(container, query, new PartitionKey(commit.Sku.Value), cancellationToken).ConfigureAwait(false);
            return new CommitResult.DuplicateEvents([.. existing.Select(e => keys[e.GetString()!])]);
        }
        throw new CosmosException($"the commit of {commit.Sku} failed: {response.ErrorMessage}", status, 0, response.ActivityId, response.RequestCharge);
    }

    private static long ParseContinuation(string continuation) =>
        long.TryParse(continuation, NumberStyles.None, CultureInfo.InvariantCulture, out var seq) && seq > 0
            ? seq
            : throw new DomainValidationException("continuation", "is not a continuation this store issued");
}
