using ServerlessInventory.Core.Domain;

namespace ServerlessInventory.Core.Ports;

/// <summary>
/// SKUs whose positions or reservations changed, in commit order. The consumer keeps its checkpoint and
/// asks again from it; a SKU that changed several times may appear several times, each with its version.
/// </summary>
public interface IChangeFeed
{
    /// <summary>Changes after <paramref name="checkpoint"/> (null: from the beginning), at most <paramref name="maxItems"/>.</summary>
    Task<ChangeBatch> ReadAsync(string? checkpoint, int maxItems, CancellationToken cancellationToken);
}

/// <summary>One committed change to a SKU: <see cref="Version"/> strictly increases per SKU.</summary>
public sealed record SkuChange(Sku Sku, long Version);

/// <summary>Changes read, and the checkpoint to read from next (unchanged when there were none).</summary>
public sealed record ChangeBatch(IReadOnlyList<SkuChange> Changes, string? Checkpoint);
