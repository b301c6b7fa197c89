using Microsoft.Extensions.Options;
using ServerlessInventory.Core.Domain;

namespace ServerlessInventory.Core.Application;

/// <summary>
/// Decides the reservation operations that meet on one SKU together. A request for a SKU with no commit in flight
/// is decided and committed at once, alone. Requests that arrive while a commit for that SKU is in flight queue;
/// when it ends they are decided in arrival order against one fresh snapshot and committed as one
/// <see cref="SkuCommit"/>, and each caller is answered right after that commit. Without this, concurrent
/// checkouts on one SKU each load the same version and all but one lose the commit, again and again, until some
/// run out of attempts (<see cref="ConcurrencyExhaustedException"/>).
/// </summary>
/// <remarks>
/// Per process: instances of the app do not see each other's queues, so between instances the store's version
/// (the head's ETag on Cosmos DB) still decides, through <see cref="SkuUnitOfWork"/>, which also re-decides a whole
/// group on fresh state when it loses. A group that fails fails only its own callers.
/// </remarks>
public sealed class ReservationBatcher(SkuUnitOfWork unitOfWork, TimeProvider timeProvider, IOptions<ReservationOptions> options, InventoryMetrics metrics)
{
    private readonly Dictionary<Sku, Queue<PendingDecision>> _lanes = [];
    private readonly ReservationOptions _options = options.Value;

    /// <summary>
    /// Decides <paramref name="decide"/> against <paramref name="sku"/> (whose snapshot includes
    /// <paramref name="reservationId"/> whatever its status) and returns its answer once it is committed.
    /// A <see cref="DomainValidationException"/> thrown by the decision answers <see cref="ReservationFailure.Invalid"/> to that caller alone.
    /// </summary>
    public Task<ReservationResult> DecideAsync(
        Sku sku,
        ReservationId reservationId,
        Func<SkuInventory, DateTimeOffset, ReservationResult> decide,
        CancellationToken cancellationToken)
    {
        var pending = new PendingDecision(reservationId, decide);
        if (!_options.GroupConcurrentRequests)
        {
            return DecideAloneAsync(sku, pending, cancellationToken);
        }

        bool leads;
        lock (_lanes)
        {
            leads = !_lanes.TryGetValue(sku, out var lane);
            if (leads)
            {
                lane = new Queue<PendingDecision>();
                _lanes[sku] = lane;
            }
            lane!.Enqueue(pending);
        }
        return leads ? LeadAsync(sku, pending, cancellationToken) : pending.Answer.Task.WaitAsync(cancellationToken);
    }

    private async Task<ReservationResult> DecideAloneAsync(Sku sku, PendingDecision pending, CancellationToken cancellationToken)
    {
        var results = await unitOfWork.ExecuteAsync(
            sku, new SnapshotRequest([], [pending.ReservationId]), (inventory, _) => ValueTask.FromResult(Decide([pending], inventory)), cancellationToken)
            .ConfigureAwait(false);
        return results[0];
    }

    /// <summary>
    /// The first caller decides its own group inline, so a lone request pays nothing for grouping; whatever queued
    /// meanwhile is drained in the background, so that this caller is not kept waiting for later groups.
    /// </summary>
    private async Task<ReservationResult> LeadAsync(Sku sku, PendingDecision own, CancellationToken cancellationToken)
    {
        await DecideGroupAsync(sku, TakeGroup(sku)).ConfigureAwait(false);
        if (!CloseLaneIfEmpty(sku))
        {
            _ = Task.Run(() => DrainAsync(sku), CancellationToken.None);
        }
        return await own.Answer.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task DrainAsync(Sku sku)
    {
        do
        {
            await DecideGroupAsync(sku, TakeGroup(sku)).ConfigureAwait(false);
        }
        while (!CloseLaneIfEmpty(sku));
    }

    private List<PendingDecision> TakeGroup(Sku sku)
    {
        lock (_lanes)
        {
            var lane = _lanes[sku];
            var group = new List<PendingDecision>(Math.Min(lane.Count, _options.MaxGroupSize));
            while (group.Count < _options.MaxGroupSize && lane.TryDequeue(out var next))
            {
                group.Add(next);
            }
            return group;
        }
    }

    private bool CloseLaneIfEmpty(Sku sku)
    {
        lock (_lanes)
        {
            if (_lanes[sku].Count > 0)
            {
                return false;
            }
            _lanes.Remove(sku);
            return true;
        }
    }

    /// <summary>
    /// One snapshot, every decision in arrival order, one commit. The store work is shared by the whole group, so
    /// no single caller's cancellation stops it; each caller stops waiting on its own token.
    /// </summary>
    private async Task DecideGroupAsync(Sku sku, List<PendingDecision> group)
    {
        try
        {
            var ids = group.Select(p => p.ReservationId).Distinct().ToList();
            var results = await unitOfWork.ExecuteAsync(
                sku, new SnapshotRequest([], ids), (inventory, _) => ValueTask.FromResult(Decide(group, inventory)), CancellationToken.None)
                .ConfigureAwait(false);
            metrics.ReservationGroup(group.Count);
            for (var i = 0; i < group.Count; i++)
            {
                group[i].Answer.TrySetResult(results[i]);
            }
        }
#pragma warning disable CA1031 // Whatever failed the group's commit is its callers' failure, and only theirs: the lane goes on.
        catch (Exception failure)
#pragma warning restore CA1031
        {
            foreach (var pending in group)
            {
                pending.Answer.TrySetException(failure);
            }
        }
    }

    private ReservationResult[] Decide(IReadOnlyList<PendingDecision> group, SkuInventory inventory)
    {
        var results = new ReservationResult[group.Count];
        for (var i = 0; i < group.Count; i++)
        {
            try
            {
                results[i] = group[i].Decide(inventory, timeProvider.GetUtcNow());
            }
            catch (DomainValidationException invalid)
            {
                // Decisions validate before they change anything, so the rest of the group is decided as if it were absent.
                results[i] = ReservationResult.Fail(ReservationFailure.Invalid, invalid.Reason, invalid.Field);
            }
        }
        return results;
    }

    private sealed class PendingDecision(ReservationId reservationId, Func<SkuInventory, DateTimeOffset, ReservationResult> decide)
    {
        public ReservationId ReservationId { get; } = reservationId;

        public Func<SkuInventory, DateTimeOffset, ReservationResult> Decide { get; } = decide;

        public TaskCompletionSource<ReservationResult> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
