using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Events;
using ServerlessInventory.Core.Ports;
using Shouldly;
using Xunit;
using static ServerlessInventory.Testing.EventFactory;

namespace ServerlessInventory.Testing;

/// <summary>
/// What every <see cref="IInventoryStore"/> must do, whatever it runs on. A store's test project inherits
/// this class and says how to create the store; the tests stay unchanged. Each test works on SKUs of its
/// own, so a store may be shared between tests.
/// </summary>
public abstract partial class InventoryStoreContract : IAsyncLifetime
{
    private StoreUnderTest? _target;

    protected IInventoryStore Store => _target?.Store ?? throw new InvalidOperationException("store not created");

    protected IChangeFeed Feed => _target?.Feed ?? throw new InvalidOperationException("store not created");

    protected IReportedLevelStore Levels => _target?.Levels ?? throw new InvalidOperationException("store not created");

    protected static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>Creates the store under test; called before each test.</summary>
    protected abstract ValueTask<StoreUnderTest> CreateStoreAsync();

    public async ValueTask InitializeAsync() => _target = await CreateStoreAsync();

    public async ValueTask DisposeAsync()
    {
        if (_target is not null)
        {
            await _target.DisposeAsync();
        }
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Load_SkuNeverWritten_IsEmptyAtVersionZero()
    {
        var snapshot = await Store.LoadAsync(NewSku(), new SnapshotRequest([NewKey()], []), Cancellation);

        snapshot.Version.ShouldBe(0);
        snapshot.Positions.ShouldBeEmpty();
        snapshot.Reservations.ShouldBeEmpty();
        snapshot.AppliedEvents.ShouldBeEmpty();
    }

    [Fact]
    public async Task Commit_AtExpectedVersion_WritesLedgerPositionsAndReservationsTogether()
    {
        var sku = NewSku();
        var received = Received(sku, "dc-1", 10);
        var countedAt = Epoch.AddMinutes(5);
        var position = new PositionState(new LocationId("dc-1"), 10, 1, 2, 3, countedAt);
        var reservation = ActiveReservation(sku, "dc-1", 2, Epoch.AddMinutes(15));

        var result = await Store.CommitAsync(await Commit(sku, 0, [Entry(received, 1)], [position], [reservation]), Cancellation);

        result.ShouldBe(new CommitResult.Committed(1));
        var snapshot = await Store.LoadAsync(sku, new SnapshotRequest([received.Key, NewKey()], []), Cancellation);
        snapshot.Version.ShouldBe(1);
        snapshot.Positions.ShouldBe([position]);
        snapshot.Positions[0].LastCountedAt.ShouldBe(countedAt);
        snapshot.Reservations.ShouldBe([reservation]);
        snapshot.AppliedEvents.ShouldBe([received.Key]);
    }

    [Fact]
    public async Task Commit_StaleVersion_ConflictsAndWritesNothing()
    {
        var sku = NewSku();
        await CommitOk(sku, 0, [Entry(Received(sku, "dc-1", 5), 1)], [Position("dc-1", 5)]);
        var late = Received(sku, "dc-1", 7);

        var result = await Store.CommitAsync(await Commit(sku, 0, [Entry(late, 1)], [Position("dc-1", 7)], []), Cancellation);

        result.ShouldBeOfType<CommitResult.VersionConflict>();
        var snapshot = await Store.LoadAsync(sku, new SnapshotRequest([late.Key], []), Cancellation);
        snapshot.Version.ShouldBe(1);
        snapshot.Positions.Single().OnHand.ShouldBe(5);
        snapshot.AppliedEvents.ShouldBeEmpty();
    }

    [Fact]
    public async Task Commit_EventIdAlreadyInLedger_ReportsDuplicateAndWritesNothing()
    {
        var sku = NewSku();
        var first = Received(sku, "dc-1", 5);
        await CommitOk(sku, 0, [Entry(first, 1)], [Position("dc-1", 5)]);
        var second = Received(sku, "dc-1", 3);

        var result = await Store.CommitAsync(await Commit(sku, 1, [Entry(second, 2), Entry(first, 2)], [Position("dc-1", 13)], []), Cancellation);

        result.ShouldBeOfType<CommitResult.DuplicateEvents>().Events.ShouldBe([first.Key]);
        var snapshot = await Store.LoadAsync(sku, new SnapshotRequest([first.Key, second.Key], []), Cancellation);
        snapshot.Version.ShouldBe(1);
        snapshot.Positions.Single().OnHand.ShouldBe(5);
        snapshot.AppliedEvents.ShouldBe([first.Key]);
    }

    [Fact]
    public async Task Commit_SameEventIdOnAnotherSku_IsNotADuplicate()
    {
        var id = NewId().Value;
        var one = NewSku();
        var other = NewSku();
        await CommitOk(one, 0, [Entry(Received(one, "dc-1", 1, id: id), 1)], [Position("dc-1", 1)]);

        var result = await Store.CommitAsync(await Commit(other, 0, [Entry(Received(other, "dc-1", 1, id: id), 1)], [Position("dc-1", 1)], []), Cancellation);

        result.ShouldBe(new CommitResult.Committed(1));
    }

    [Fact]
    public async Task Commit_SameIdFromAnotherSource_IsAppliedToo()
    {
        var sku = NewSku();
        var id = NewId().Value;
        var fromPos = Received(sku, "store-1", 4, id: id, source: "pos");
        var fromWeb = Received(sku, "dc-1", 7, id: id, source: "web");
        await CommitOk(sku, 0, [Entry(fromPos, 1)], [Position("store-1", 4)]);

        var before = await Store.LoadAsync(sku, new SnapshotRequest([fromPos.Key, fromWeb.Key], []), Cancellation);
        var result = await Store.CommitAsync(await Commit(sku, 1, [Entry(fromWeb, 2)], [Position("dc-1", 7)], []), Cancellation);

        before.AppliedEvents.ToList().ShouldBe([fromPos.Key], "web's event shares only the id with pos's, not the identity");
        result.ShouldBe(new CommitResult.Committed(2));
        var after = await Store.LoadAsync(sku, new SnapshotRequest([fromPos.Key, fromWeb.Key], []), Cancellation);
        after.AppliedEvents.ToList().ShouldBe([fromPos.Key, fromWeb.Key], ignoreOrder: true);
        (await Store.ReadLedgerAsync(sku, 10, null, Cancellation)).Entries.Select(e => e.Event.Source.Value).ShouldBe(["web", "pos"]);
    }

    [Fact]
    public async Task Commit_SameIdFromSameSourceAgain_ReportsDuplicate()
    {
        var sku = NewSku();
        var id = NewId().Value;
        var sent = Received(sku, "store-1", 4, id: id, source: "pos");
        var resent = Received(sku, "store-1", 9, id: id, source: "pos");
        await CommitOk(sku, 0, [Entry(sent, 1)], [Position("store-1", 4)]);

        var result = await Store.CommitAsync(await Commit(sku, 1, [Entry(resent, 2)], [Position("store-1", 13)], []), Cancellation);

        result.ShouldBeOfType<CommitResult.DuplicateEvents>().Events.ShouldBe([resent.Key]);
        (await Store.LoadAsync(sku, SnapshotRequest.None, Cancellation)).Positions.Single().OnHand.ShouldBe(4);
    }

    [Fact]
    public async Task Commit_LongestSourceAndId_KeepsEachIdentityApart()
    {
        // Source and id at their longest make a key beyond a message id's 128 characters: its hashed form is stored.
        var sku = NewSku();
        var source = "s:" + new string('~', Guard.MaxIdentifierLength - 2);
        var stem = NewId().Value + new string('x', Guard.MaxIdentifierLength - 33);
        var one = Received(sku, "dc-1", 1, id: stem + "1", source: source);
        var two = Received(sku, "dc-1", 2, id: stem + "2", source: source);
        await CommitOk(sku, 0, [Entry(one, 1)], [Position("dc-1", 1)]);

        var second = await Store.CommitAsync(await Commit(sku, 1, [Entry(two, 2)], [Position("dc-1", 3)], []), Cancellation);
        var again = await Store.CommitAsync(await Commit(sku, 2, [Entry(one, 3)], [Position("dc-1", 4)], []), Cancellation);

        second.ShouldBe(new CommitResult.Committed(2));
        again.ShouldBeOfType<CommitResult.DuplicateEvents>().Events.ShouldBe([one.Key]);
        (await Store.LoadAsync(sku, new SnapshotRequest([one.Key, two.Key], []), Cancellation)).AppliedEvents.ToList().ShouldBe([one.Key, two.Key], ignoreOrder: true);
    }

    [Fact]
    public async Task Load_Reservations_ReturnsActiveOnesAndThoseNamed()
    {
        var sku = NewSku();
        var active = ActiveReservation(sku, "dc-1", 1, Epoch.AddMinutes(15));
        var confirmed = ActiveReservation(sku, "dc-1", 2, Epoch.AddMinutes(15)) with { Status = ReservationStatus.Confirmed, OrderId = "o-1" };
        var released = ActiveReservation(sku, "dc-1", 3, Epoch.AddMinutes(15)) with { Status = ReservationStatus.Released };
        await CommitOk(sku, 0, [], [], [active, confirmed, released]);

        var snapshot = await Store.LoadAsync(sku, new SnapshotRequest([], [released.Id]), Cancellation);

        snapshot.Reservations.OrderBy(r => r.Quantity).ShouldBe([active, released]);
    }

    [Fact]
    public async Task LoadMany_SeveralSkus_ReturnsEachAsItsOwnLoadInTheOrderAsked()
    {
        var (first, second, never) = (NewSku(), NewSku(), NewSku());
        var reservation = ActiveReservation(first, "dc-1", 1, Epoch.AddMinutes(15));
        await CommitOk(first, 0, [], [new PositionState(new LocationId("dc-1"), 10, 1, 2, 3, null)], [reservation]);
        await CommitOk(second, 0, [], [new PositionState(new LocationId("store-1"), 4, 0, 0, 0, null)], []);
        await CommitOk(second, 1, [], [new PositionState(new LocationId("store-1"), 5, 0, 0, 0, null)], []);

        var snapshots = await Store.LoadManyAsync([second, never, first], Cancellation);

        snapshots.Select(s => s.Sku).ShouldBe([second, never, first]);
        foreach (var snapshot in snapshots)
        {
            var alone = await Store.LoadAsync(snapshot.Sku, SnapshotRequest.None, Cancellation);
            snapshot.Version.ShouldBe(alone.Version);
            snapshot.Positions.ShouldBe(alone.Positions, ignoreOrder: true);
            snapshot.Reservations.ShouldBe(alone.Reservations, ignoreOrder: true);
        }
        snapshots.Select(s => s.Version).ShouldBe([2L, 0L, 1L]);
        snapshots[0].Positions.Single().OnHand.ShouldBe(5);
        snapshots[2].Reservations.ShouldBe([reservation]);
    }

    [Fact]
    public async Task Commit_ChangedReservation_ReplacesItsStatusAndExpiry()
    {
        var sku = NewSku();
        var reservation = ActiveReservation(sku, "dc-1", 2, Epoch.AddMinutes(15));
        await CommitOk(sku, 0, [], [], [reservation]);
        var confirmed = reservation with { Status = ReservationStatus.Confirmed, OrderId = "o-9", ExpiresAt = Epoch.AddMinutes(30) };

        await CommitOk(sku, 1, [], [], [confirmed]);

        var snapshot = await Store.LoadAsync(sku, new SnapshotRequest([], [reservation.Id]), Cancellation);
        snapshot.Reservations.ShouldBe([confirmed]);
    }

    [Fact]
    public async Task FindReservationSku_KnownAndUnknownIds_ReturnsOwnerOrNull()
    {
        var sku = NewSku();
        var reservation = ActiveReservation(sku, "dc-1", 1, Epoch.AddMinutes(15));
        await CommitOk(sku, 0, [], [], [reservation]);

        (await Store.FindReservationSkuAsync(reservation.Id, Cancellation)).ShouldBe(sku);
        (await Store.FindReservationSkuAsync(ReservationId.New(), Cancellation)).ShouldBeNull();
    }

    [Fact]
    public async Task FindLapsedReservations_MixedExpiries_ReturnsActiveOnesAtOrPastNow()
    {
        var sku = NewSku();
        var now = Epoch.AddHours(1);
        var lapsed = ActiveReservation(sku, "dc-1", 1, now.AddSeconds(-1));
        var lapsingNow = ActiveReservation(sku, "dc-1", 2, now);
        var live = ActiveReservation(sku, "dc-1", 3, now.AddSeconds(1));
        var releasedLongAgo = ActiveReservation(sku, "dc-1", 4, now.AddHours(-1)) with { Status = ReservationStatus.Released };
        await CommitOk(sku, 0, [], [], [lapsed, lapsingNow, live, releasedLongAgo]);

        var found = await Store.FindLapsedReservationsAsync(now, 10_000, Cancellation);

        found.Where(r => r.Sku == sku).Select(r => r.Id).ShouldBe([lapsed.Id, lapsingNow.Id], ignoreOrder: true);
    }

    protected async Task CommitOk(
        Sku sku, long expected, IReadOnlyList<LedgerEntry> ledger, IReadOnlyList<PositionState> positions, IReadOnlyList<Reservation>? reservations = null, IReadOnlyList<OpenOrder>? openOrders = null)
    {
        var commit = await Commit(sku, expected, ledger, positions, reservations ?? []) with { OpenOrders = openOrders ?? [] };
        var result = await Store.CommitAsync(commit, Cancellation);
        result.ShouldBe(new CommitResult.Committed(expected + 1));
    }

    /// <summary>A commit whose concurrency token is the one the store gave at the expected version.</summary>
    protected async Task<SkuCommit> Commit(Sku sku, long expected, IReadOnlyList<LedgerEntry> ledger, IReadOnlyList<PositionState> positions, IReadOnlyList<Reservation> reservations)
    {
        var current = await Store.LoadAsync(sku, SnapshotRequest.None, Cancellation);
        var token = current.Version == expected ? current.ConcurrencyToken : "stale";
        return new SkuCommit(sku, expected, token, ledger, positions, reservations);
    }

    protected static LedgerEntry Entry(InventoryEvent evt, long version) =>
        new(evt, version, Epoch.AddDays(1), evt.Changes, 0, []);

    protected static PositionState Position(string location, int onHand) => new(new LocationId(location), onHand, 0, 0, 0);

    protected static Reservation ActiveReservation(Sku sku, string location, int quantity, DateTimeOffset expiresAt) =>
        new(ReservationId.New(), sku, new LocationId(location), new ChannelId("web"), quantity, expiresAt.AddMinutes(-15), expiresAt);
}
