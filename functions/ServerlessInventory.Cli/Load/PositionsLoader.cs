using ServerlessInventory.Core.Application;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Events;

namespace ServerlessInventory.Cli.Load;

/// <summary>
/// Applies a validated positions file through Core's apply path: rows are read in bounded chunks, grouped by SKU,
/// and each SKU's events applied as one batch by one of a few concurrent appliers, so memory stays bounded
/// whatever the file size and every event is ledgered and reaches the change feed like any other.
/// </summary>
internal sealed class PositionsLoader(ApplyEventsHandler apply, int chunkRows, int appliers)
{
    public async Task<LoadTally> LoadAsync(PositionsFile file, LoadEvents events, Action<long> rowsDone, CancellationToken cancellationToken)
    {
        var tally = new LoadTally();
        var chunk = new List<PositionRow>(chunkRows);
        await foreach (var (row, _) in file.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            // The file was validated before: a row that fails now means it changed meanwhile, and its hash with it.
            chunk.Add(row ?? throw new InvalidOperationException($"{file.Path} changed while it was being loaded: run the load again"));
            if (chunk.Count == chunkRows)
            {
                await ApplyChunkAsync(chunk, events, tally, rowsDone, cancellationToken).ConfigureAwait(false);
                chunk.Clear();
            }
        }
        await ApplyChunkAsync(chunk, events, tally, rowsDone, cancellationToken).ConfigureAwait(false);
        return tally;
    }

    private Task ApplyChunkAsync(List<PositionRow> rows, LoadEvents events, LoadTally tally, Action<long> rowsDone, CancellationToken cancellationToken)
    {
        // One SKU's rows of a chunk become one batch, in file order; a SKU met again in a later chunk comes after.
        var bySku = rows.GroupBy(r => r.Sku).ToList();
        return Parallel.ForEachAsync(bySku, new ParallelOptions { MaxDegreeOfParallelism = appliers, CancellationToken = cancellationToken }, async (group, token) =>
        {
            var batch = new List<(InventoryEvent Event, long Line)>();
            foreach (var row in group)
            {
                batch.AddRange(events.For(row).Select(e => (e, row.Line)));
            }
            var outcomes = await apply.HandleAsync([.. batch.Select(b => b.Event)], token).ConfigureAwait(false);
            for (var i = 0; i < outcomes.Count; i++)
            {
                tally.Count(outcomes[i], batch[i].Line);
            }
            rowsDone(group.Count());
        });
    }
}
