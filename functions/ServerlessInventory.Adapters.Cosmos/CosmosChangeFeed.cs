using System.Net;
using System.Text.Json;
using Microsoft.Azure.Cosmos;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Adapters.Cosmos;

/// <summary>
/// The container's change feed (latest version of each changed item) as <see cref="IChangeFeed"/>: a head item is a
/// commit of its SKU at its version; ledger and reservation items change only together with their head, so they are
/// skipped. The checkpoint is the SDK's continuation token. In Azure the Functions trigger reads the same feed, and the
/// local runner's Azure mode uses the change feed processor (<see cref="CosmosChangeFeedListener"/>); this class serves
/// hosts that keep their own checkpoint, and the contract suite.
/// Where it is looser than the port says, as Cosmos DB's feed is: a SKU changed several times before a read appears
/// once, at its latest version (latest-version mode); order holds within a SKU's partition, not across partitions; and
/// <c>maxItems</c> is a page size hint, not a hard limit. The push function needs none of the three: it recomputes
/// each SKU it is handed from the master.
/// </summary>
public sealed class CosmosChangeFeed(Container container) : IChangeFeed
{
    public async Task<ChangeBatch> ReadAsync(string? checkpoint, int maxItems, CancellationToken cancellationToken)
    {
        var start = checkpoint is null ? ChangeFeedStartFrom.Beginning() : ChangeFeedStartFrom.ContinuationToken(checkpoint);
        using var iterator = container.GetChangeFeedStreamIterator(start, ChangeFeedMode.LatestVersion, new ChangeFeedRequestOptions { PageSizeHint = maxItems });
        var changes = new List<SkuChange>();
        var next = checkpoint;
        // A page may hold only ledger and reservation items; reading on until a head or the end keeps an empty batch
        // meaning "caught up".
        while (iterator.HasMoreResults && changes.Count == 0)
        {
            using var response = await iterator.ReadNextAsync(cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                break;
            }
            CosmosQueries.EnsureSuccess(response);
            next = response.ContinuationToken;
            using var page = await JsonDocument.ParseAsync(response.Content, cancellationToken: cancellationToken).ConfigureAwait(false);
            changes.AddRange(HeadChanges(page.RootElement));
        }
        return new ChangeBatch(changes, next);
    }

    /// <summary>The commits in one change-feed page (<c>{"Documents":[...]}</c>).</summary>
    internal static IEnumerable<SkuChange> HeadChanges(JsonElement page) =>
        page.GetProperty("Documents").EnumerateArray()
            .Where(item => item.TryGetProperty("type", out var type) && type.GetString() == CosmosItems.HeadType)
            .Select(item => new SkuChange(new Sku(item.GetProperty("sku").GetString()!), item.GetProperty("version").GetInt64()))
            .ToList();
}
