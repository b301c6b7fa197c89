using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;
using Shouldly;
using Xunit;

namespace ServerlessInventory.Adapters.Sqlite.Tests;

/// <summary>A SKU with many holds is kept in memory between checkouts; another process writing the file must still be seen.</summary>
public sealed class SqliteHotSkuTests
{
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Load_HotSkuCommittedByAnotherProcess_SeesTheOtherCommit()
    {
        using var file = new TempDatabase();
        using var ours = file.Open();
        using var theirs = file.Open();
        var (store, other) = (new SqliteInventoryStore(ours), new SqliteInventoryStore(theirs));
        var sku = new Sku("HOT-1");
        var holds = Enumerable.Range(0, 30).Select(_ => Hold(sku)).ToList();
        (await store.CommitAsync(new SkuCommit(sku, 0, null, [], [Position(100)], holds), Ct)).ShouldBe(new CommitResult.Committed(1));
        (await store.LoadAsync(sku, SnapshotRequest.None, Ct)).Reservations.Count.ShouldBe(30);

        var released = holds[0] with { Status = ReservationStatus.Released };
        (await other.CommitAsync(new SkuCommit(sku, 1, null, [], [Position(90)], [released]), Ct)).ShouldBe(new CommitResult.Committed(2));

        var seen = await store.LoadAsync(sku, SnapshotRequest.None, Ct);
        seen.Version.ShouldBe(2);
        seen.Positions.Single().OnHand.ShouldBe(90);
        seen.Reservations.ShouldBe(holds.Skip(1), ignoreOrder: true);
    }

    private static PositionState Position(int onHand) => new(new LocationId("dc-1"), onHand, 0, 0, 0);

    private static Reservation Hold(Sku sku) =>
        new(ReservationId.New(), sku, new LocationId("dc-1"), new ChannelId("web"), 1, Epoch, Epoch.AddMinutes(15));
}
