using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;
using Shouldly;
using Xunit;
using static ServerlessInventory.Testing.EventFactory;

namespace ServerlessInventory.Testing;

/// <summary>A flash sale's SKU: many active holds, each commit changing a few of them, loads in between.</summary>
public abstract partial class InventoryStoreContract
{
    private const int ManyHolds = 40;

    [Fact]
    public async Task Load_SkuWithManyHoldsAfterEachCommit_ReturnsExactlyTheCommittedState()
    {
        var sku = NewSku();
        var holds = Enumerable.Range(1, ManyHolds).Select(i => ActiveReservation(sku, "dc-1", 1, Epoch.AddMinutes(15))).ToList();
        var orders = new Dictionary<string, OpenOrder>();
        var version = 0L;
        for (var i = 0; i < ManyHolds; i++)
        {
            // Each commit adds a hold, settles an earlier one in turn, changes the position, and opens or closes an order.
            List<Reservation> changed = [holds[i]];
            if (i % 3 == 2)
            {
                var status = (i % 2 == 0) ? ReservationStatus.Released : ReservationStatus.Confirmed;
                holds[i - 2] = holds[i - 2] with { Status = status, OrderId = status == ReservationStatus.Confirmed ? $"o-{i}" : null };
                changed.Add(holds[i - 2]);
            }
            var order = new OpenOrder($"order-{i % 4}", new LocationId("dc-1"), new ChannelId("web"), i % 5);
            orders[order.OrderId] = order;
            await CommitOk(sku, version++, [], [Position("dc-1", 100 - i)], changed, [order]);

            var settled = holds.Take(i + 1).Where(r => r.Status != ReservationStatus.Active).Select(r => r.Id).ToList();
            var snapshot = await Store.LoadAsync(sku, new SnapshotRequest([], settled), Cancellation);

            snapshot.Version.ShouldBe(version);
            snapshot.Positions.ShouldBe([Position("dc-1", 100 - i)]);
            snapshot.Reservations.ShouldBe(holds.Take(i + 1), ignoreOrder: true, $"after commit {i + 1}");
            snapshot.OpenOrders.ShouldBe(orders.Values.Where(o => !o.IsClosed), ignoreOrder: true, $"after commit {i + 1}");
        }
    }

    [Fact]
    public async Task Load_SkuWithManyHoldsThenAStaleCommit_KeepsTheCommittedState()
    {
        var sku = NewSku();
        var holds = Enumerable.Range(1, ManyHolds).Select(i => ActiveReservation(sku, "dc-1", 1, Epoch.AddMinutes(15))).ToList();
        await CommitOk(sku, 0, [], [Position("dc-1", 100)], holds);
        (await Store.LoadAsync(sku, SnapshotRequest.None, Cancellation)).Reservations.Count.ShouldBe(ManyHolds);

        var lost = await Store.CommitAsync(await Commit(sku, 0, [], [Position("dc-1", 1)], [holds[0] with { Status = ReservationStatus.Released }]), Cancellation);

        lost.ShouldBeOfType<CommitResult.VersionConflict>();
        var snapshot = await Store.LoadAsync(sku, SnapshotRequest.None, Cancellation);
        snapshot.Reservations.ShouldBe(holds, ignoreOrder: true);
        snapshot.Positions.ShouldBe([Position("dc-1", 100)]);
    }
}
