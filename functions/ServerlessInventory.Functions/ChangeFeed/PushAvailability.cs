using System.Text.Json.Serialization;
using Microsoft.Azure.Functions.Worker;
using ServerlessInventory.Core.Application;
using ServerlessInventory.Core.Domain;

namespace ServerlessInventory.Functions.ChangeFeed;

/// <summary>
/// The master's change feed: every changed item names its SKU, and each SKU changed in the batch is recomputed and
/// pushed once to the channels whose value changed. A failed push stays owed and is retried, so the trigger does not
/// need to fail for it.
/// </summary>
public sealed class PushAvailability(PushAvailabilityHandler handler)
{
    [Function(nameof(PushAvailability))]
    [ExponentialBackoffRetry(5, "00:00:01", "00:01:00")]
    public Task Run(
        [CosmosDBTrigger("%" + AppSettings.CosmosDatabase + "%", "%" + AppSettings.CosmosContainer + "%",
            Connection = AppSettings.CosmosConnection, LeaseContainerName = "%" + AppSettings.CosmosLeaseContainer + "%")]
        IReadOnlyList<ChangedItem> changes,
        CancellationToken cancellationToken) =>
        handler.HandleAsync(changes.Select(c => new Sku(c.Sku)), cancellationToken);
}

/// <summary>The one field of a changed item the push needs: every item of the master lives in its SKU's partition.</summary>
public sealed record ChangedItem([property: JsonPropertyName("sku")] string Sku);
