using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Core.Tests.Support;

/// <summary>
/// The in-memory store with a commit that can be held in flight until the test lets it go, and a commit that can be
/// made to fail, so that what queues behind a commit is decided by the test, not by timing.
/// </summary>
internal sealed class HeldCommitStore(InMemoryInventoryStore inner) : IInventoryStore
{
    private TaskCompletionSource? _holdNext;
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Commits that reached the store, one list of reservation ids per commit.</summary>
    public List<IReadOnlyList<ReservationId>> CommittedGroups { get; } = [];

    public int FailuresToInject { get; set; }

    /// <summary>Holds the next commit in flight; <see cref="CommitEntered"/> completes when it arrives.</summary>
    public void HoldNextCommit() => _holdNext = _release;

    public Task CommitEntered => _entered.Task;

    public void ReleaseCommit() => _release.TrySetResult();

    public Task<SkuSnapshot> LoadAsync(Sku sku, SnapshotRequest request, CancellationToken cancellationToken) =>
        inner.LoadAsync(sku, request, cancellationToken);

    public async Task<CommitResult> CommitAsync(SkuCommit commit, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _holdNext, null) is { } held)
        {
            _entered.TrySetResult();
            await held.Task.ConfigureAwait(false);
        }
        if (FailuresToInject > 0)
        {
            FailuresToInject--;
            throw new IOException("the store is unreachable");
        }
        var result = await inner.CommitAsync(commit, cancellationToken).ConfigureAwait(false);
        if (result is CommitResult.Committed)
        {
            lock (CommittedGroups)
            {
                CommittedGroups.Add([.. commit.Reservations.Select(r => r.Id)]);
            }
        }
        return result;
    }

    public Task<LedgerPage> ReadLedgerAsync(Sku sku, int pageSize, string? continuation, CancellationToken cancellationToken) =>
        inner.ReadLedgerAsync(sku, pageSize, continuation, cancellationToken);

    public Task<Sku?> FindReservationSkuAsync(ReservationId reservationId, CancellationToken cancellationToken) =>
        inner.FindReservationSkuAsync(reservationId, cancellationToken);

    public Task<IReadOnlyList<Reservation>> FindLapsedReservationsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        inner.FindLapsedReservationsAsync(now, limit, cancellationToken);
}
