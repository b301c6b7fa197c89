using ServerlessInventory.Cli.Export;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Cli.Replay;

/// <summary>
/// Rebuilds one SKU in the target from the source's ledger with <see cref="LedgerReplay"/>: the ledger in applied
/// order, in commits small enough for every store, each carrying the positions the ledger up to it folds into; then
/// the source's active reservations, which are not events. Entries the target already holds are skipped, so a copy
/// cut off anywhere resumes where it stopped.
/// </summary>
internal sealed class LedgerCopier(IInventoryStore source, IInventoryStore target)
{
    public async Task<int> CopyAsync(Sku sku, CancellationToken cancellationToken)
    {
        var entries = await ExportCommand.LedgerInAppliedOrderAsync(source, sku, cancellationToken).ConfigureAwait(false);
        var copied = 0;
        for (var start = 0; start < entries.Count; start += SkuCommit.MaxItems)
        {
            var chunk = entries.GetRange(start, Math.Min(SkuCommit.MaxItems, entries.Count - start));
            var positions = LedgerReplay.Rebuild(entries.Take(start + chunk.Count)).Values.ToList();
            copied += await CommitMissingAsync(sku, chunk, positions, cancellationToken).ConfigureAwait(false);
        }
        await CopyReservationsAsync(sku, cancellationToken).ConfigureAwait(false);
        return copied;
    }

    private async Task<int> CommitMissingAsync(Sku sku, List<LedgerEntry> chunk, List<PositionState> positions, CancellationToken cancellationToken)
    {
        var request = new SnapshotRequest([.. chunk.Select(e => e.Event.Key)], []);
        var existing = await target.LoadAsync(sku, request, cancellationToken).ConfigureAwait(false);
        var missing = chunk.Where(e => !existing.AppliedEvents.Contains(e.Event.Key)).ToList();
        if (missing.Count == 0)
        {
            return 0;
        }
        var commit = new SkuCommit(sku, existing.Version, existing.ConcurrencyToken, missing, positions, []);
        return await target.CommitAsync(commit, cancellationToken).ConfigureAwait(false) is CommitResult.Committed
            ? missing.Count
            : throw new InvalidOperationException($"SKU '{sku}' changed in the target while it was being rebuilt: stop whatever writes to it, then run the replay again");
    }

    private async Task CopyReservationsAsync(Sku sku, CancellationToken cancellationToken)
    {
        var held = (await source.LoadAsync(sku, SnapshotRequest.None, cancellationToken).ConfigureAwait(false)).Reservations;
        if (held.Count == 0)
        {
            return;
        }
        var existing = await target.LoadAsync(sku, new SnapshotRequest([], [.. held.Select(r => r.Id)]), cancellationToken).ConfigureAwait(false);
        var missing = held.Except(existing.Reservations).ToList();
        var version = existing.Version;
        var token = existing.ConcurrencyToken;
        foreach (var chunk in missing.Chunk(SkuCommit.MaxItems))
        {
            var result = await target.CommitAsync(new SkuCommit(sku, version, token, [], existing.Positions, chunk), cancellationToken).ConfigureAwait(false);
            if (result is not CommitResult.Committed committed)
            {
                throw new InvalidOperationException($"SKU '{sku}' changed in the target while its reservations were copied: run the replay again");
            }
            version = committed.Version;
            token = (await target.LoadAsync(sku, SnapshotRequest.None, cancellationToken).ConfigureAwait(false)).ConcurrencyToken;
        }
    }
}
