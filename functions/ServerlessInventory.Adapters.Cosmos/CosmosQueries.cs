using System.Net;
using System.Text.Json;
using Microsoft.Azure.Cosmos;

namespace ServerlessInventory.Adapters.Cosmos;

/// <summary>
/// Runs queries through the stream API and hands back each result as a <see cref="JsonElement"/>, page after page,
/// so that items are parsed once, by System.Text.Json, and a SKU's partition is named whenever it is known.
/// </summary>
internal static class CosmosQueries
{
    /// <summary>Every result of <paramref name="query"/>, or the first <paramref name="limit"/>; in one partition when <paramref name="partition"/> is given.</summary>
    public static async Task<List<JsonElement>> ReadAllAsync(
        Container container,
        QueryDefinition query,
        PartitionKey? partition,
        CancellationToken cancellationToken,
        int limit = int.MaxValue)
    {
        var options = new QueryRequestOptions { MaxItemCount = Math.Min(limit, 1000) };
        if (partition is { } key)
        {
            options.PartitionKey = key;
            // One partition needs no client-side merge: without this the SDK asks the gateway for a query plan
            // before every ORDER BY or TOP query (the ledger pages), one request more each time.
            options.EnableOptimisticDirectExecution = true;
        }
        var results = new List<JsonElement>();
        using var iterator = container.GetItemQueryStreamIterator(query, continuationToken: null, options);
        while (iterator.HasMoreResults && results.Count < limit)
        {
            using var response = await iterator.ReadNextAsync(cancellationToken).ConfigureAwait(false);
            EnsureSuccess(response);
            using var page = await JsonDocument.ParseAsync(response.Content, cancellationToken: cancellationToken).ConfigureAwait(false);
            foreach (var item in page.RootElement.GetProperty("Documents").EnumerateArray())
            {
                if (results.Count == limit)
                {
                    break;
                }
                results.Add(item.Clone());
            }
        }
        return results;
    }

    /// <summary>A failed response as the SDK's own exception, with its status, so callers see what Cosmos said.</summary>
    public static void EnsureSuccess(ResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new CosmosException(
                $"Cosmos DB answered {(int)response.StatusCode} {response.StatusCode}: {response.ErrorMessage}",
                response.StatusCode,
                0,
                response.Headers.ActivityId,
                response.Headers.RequestCharge);
        }
    }

    public static bool IsNotFound(ResponseMessage response) => response.StatusCode == HttpStatusCode.NotFound;
}
