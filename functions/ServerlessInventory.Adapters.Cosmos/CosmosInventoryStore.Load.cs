using Microsoft.Azure.Cosmos;
using ServerlessInventory.Core.Domain;

namespace ServerlessInventory.Adapters.Cosmos;

/// <summary>The load: one query in the SKU's partition returns its head, its reservations and the ledger items asked for.</summary>
public sealed partial class CosmosInventoryStore
{
    private const string LoadColumns =
        "c.id, c.type, c._etag, c.version, c.positions, c.openOrders, c.sku, c.reservationId, c.location, c.channel, c.quantity, c.status, c.createdAt, c.expiresAt, c.orderId, c.eventId, c.eventKey, c.entry.event.source, c.level, c.asOf";

    private const string HeadAndReservations =
        $"c.id = '{CosmosItems.HeadId}' OR (c.type = '{CosmosItems.ReservationType}' AND (c.status = 'active' OR ARRAY_CONTAINS(@reservations, c.reservationId)))";

    // No ORDER BY, TOP or aggregate: the SDK sends such a query straight to the SKU's partition, without first asking
    // the gateway for a query plan, so a load is exactly one request.
    private const string LoadQuery =
        $"SELECT {LoadColumns} FROM c WHERE {HeadAndReservations} OR (c.type = '{CosmosItems.LedgerType}' AND {AskedEvents})";

    // An item written before identities had a source is found by its old id, and is the event asked for only if its
    // own source (in the entry) is that event's: decided below, on the source the query returns.
    private const string AskedEvents = "(ARRAY_CONTAINS(@events, c.eventKey) OR ARRAY_CONTAINS(@legacy, c.id))";

    /// <summary>The load of a batch with a cycle count: the same, plus the whole ledger entries after the count's moment.</summary>
    private const string LoadWithLedgerQuery =
        $"SELECT {LoadColumns}, c.eventTime, c.seq, c.entry FROM c WHERE {HeadAndReservations} " +
        $"OR (c.type = '{CosmosItems.LedgerType}' AND ({AskedEvents} OR c.eventTime > @after))";

    /// <summary>What a load adds when the batch holds a level report: the SKU's reported-level items, in the same query.</summary>
    private const string AndLevels = $" OR c.type = '{CosmosItems.LevelType}'";

    /// <summary>SKUs are partitions, so there is no one read for several: their loads run side by side instead.</summary>
    private const int ParallelLoads = 16;

    public async Task<IReadOnlyList<SkuSnapshot>> LoadManyAsync(IReadOnlyList<Sku> skus, CancellationToken cancellationToken)
    {
        var snapshots = new SkuSnapshot[skus.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = ParallelLoads, CancellationToken = cancellationToken };
        await Parallel.ForAsync(0, skus.Count, options, async (i, token) =>
            snapshots[i] = await LoadAsync(skus[i], SnapshotRequest.None, token).ConfigureAwait(false)).ConfigureAwait(false);
        return snapshots;
    }

    public async Task<SkuSnapshot> LoadAsync(Sku sku, SnapshotRequest request, CancellationToken cancellationToken)
    {
        var after = request.LedgerAfter is { } moment ? CosmosItems.Time(moment) : null;
        var text = after is null ? LoadQuery : LoadWithLedgerQuery;
        var query = new QueryDefinition(request.ReportedLevels ? text + AndLevels : text)
            .WithParameter("@reservations", request.ReservationIds.Select(r => r.Value).ToArray())
            .WithParameter("@events", request.Events.Select(e => e.Value).ToArray())
            .WithParameter("@legacy", request.Events.Select(e => CosmosItems.LegacyLedgerItemId(e.Id)).Distinct().ToArray())
            .WithParameter("@after", after);
        var items = await CosmosQueries.ReadAllAsync(container, query, new PartitionKey(sku.Value), cancellationToken).ConfigureAwait(false);

        long version = 0;
        string? etag = null;
        var head = new LoadedHead([], []);
        var reservations = new List<Reservation>();
        var applied = new HashSet<EventKey>();
        var ledger = new List<(long Seq, LedgerEntry Entry)>();
        var levels = new List<Core.Ports.ReportedLevel>();
        var levelETags = new Dictionary<string, string>(StringComparer.Ordinal);
        var named = request.Events.ToHashSet();
        foreach (var item in items)
        {
            switch (item.GetProperty("type").GetString())
            {
                case CosmosItems.HeadType:
                    version = item.GetProperty("version").GetInt64();
                    etag = item.GetProperty("_etag").GetString()!;
                    head = CosmosItems.ReadHead(item);
                    _loadedHeads.AddOrUpdate(etag, head);
                    break;
                case CosmosItems.ReservationType:
                    reservations.Add(CosmosItems.ReadReservation(item));
                    break;
                case CosmosItems.LevelType:
                    levels.Add(CosmosItems.ReadLevel(item));
                    levelETags[item.GetProperty("id").GetString()!] = item.GetProperty("_etag").GetString()!;
                    break;
                case CosmosItems.LedgerType:
                    var key = new EventKey(new ChannelId(item.GetProperty("source").GetString()!), new EventId(item.GetProperty("eventId").GetString()!));
                    if (named.Contains(key))
                    {
                        applied.Add(key);
                    }
                    if (after is not null && string.CompareOrdinal(item.GetProperty("eventTime").GetString(), after) > 0)
                    {
                        ledger.Add((item.GetProperty("seq").GetInt64(), CosmosItems.ReadLedger(item)));
                    }
                    break;
            }
        }
        if (request.ReportedLevels && etag is not null)
        {
            _loadedLevels.AddOrUpdate(etag, levelETags);
        }
        return new SkuSnapshot(sku, version, etag, head.Positions, reservations, applied, [.. ledger.OrderBy(l => l.Seq).Select(l => l.Entry)], head.OpenOrders, levels);
    }
}
