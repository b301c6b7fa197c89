using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Adapters.ServiceBus.Tests.Support;

/// <summary>The master, which ingestion never touches: any call is a defect of the test's assumptions.</summary>
public sealed class UnusedInventoryStore : IInventoryStore
{
    public Task<SkuSnapshot> LoadAsync(Sku sku, SnapshotRequest request, CancellationToken cancellationToken) => throw Unused();

    public Task<CommitResult> CommitAsync(SkuCommit commit, CancellationToken cancellationToken) => throw Unused();

    public Task<LedgerPage> ReadLedgerAsync(Sku sku, int pageSize, string? continuation, CancellationToken cancellationToken) => throw Unused();

    public Task<Sku?> FindReservationSkuAsync(ReservationId reservationId, CancellationToken cancellationToken) => throw Unused();

    public Task<IReadOnlyList<Reservation>> FindLapsedReservationsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) => throw Unused();

    private static InvalidOperationException Unused() => new("webhook ingestion does not read or write the master");
}
