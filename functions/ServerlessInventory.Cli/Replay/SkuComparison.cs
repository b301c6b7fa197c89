using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Cli.Replay;

/// <summary>Whether a SKU's positions and active reservations are the same in two stores, and what differs if not.</summary>
internal static class SkuComparison
{
    public static async Task<IReadOnlyList<string>> DifferencesAsync(Sku sku, IInventoryStore source, IInventoryStore target, CancellationToken cancellationToken)
    {
        var expected = await source.LoadAsync(sku, SnapshotRequest.None, cancellationToken).ConfigureAwait(false);
        var actual = await target.LoadAsync(sku, SnapshotRequest.None, cancellationToken).ConfigureAwait(false);
        var differences = new List<string>();
        var actualPositions = actual.Positions.ToDictionary(p => p.Location);
        foreach (var position in expected.Positions)
        {
            if (!actualPositions.Remove(position.Location, out var found))
            {
                differences.Add($"{sku} @ {position.Location}: position missing in the target");
            }
            else if (found != position)
            {
                differences.Add($"{sku} @ {position.Location}: source {Describe(position)}, target {Describe(found)}");
            }
        }
        differences.AddRange(actualPositions.Keys.Select(location => $"{sku} @ {location}: position only in the target"));
        var actualReservations = actual.Reservations.ToHashSet();
        differences.AddRange(expected.Reservations.Where(r => !actualReservations.Remove(r)).Select(r => $"{sku}: reservation {r.Id} missing or different in the target"));
        differences.AddRange(actualReservations.Select(r => $"{sku}: reservation {r.Id} only in the target"));
        return differences;
    }

    private static string Describe(PositionState p) =>
        $"onHand {p.OnHand}, unsellable {p.Unsellable}, committed {p.Committed}, incoming {p.Incoming}, lastCountedAt {p.LastCountedAt:O}";
}
