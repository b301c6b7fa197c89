using System.Collections.Concurrent;
using FsCheck;
using FsCheck.Fluent;
using ServerlessInventory.Core.Application;
using ServerlessInventory.Core.Availability;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Events;
using ServerlessInventory.Core.Ports;
using ServerlessInventory.Testing;
using Shouldly;
using Xunit;

namespace ServerlessInventory.Adapters.Sqlite.Tests;

/// <summary>
/// Many callers reserve, confirm, release, extend and retry on a few SKUs at once through Core and a real SQLite
/// file, so that their operations are grouped however the timing falls. Whatever the grouping: nothing is held beyond
/// stock or beyond web's quota, every answer a caller got is what the store committed, and the ledger replays into the
/// positions kept and the orders confirmed.
/// </summary>
public sealed class ReservationGroupingProperties
{
    private const int SkuCount = 3;

    private static readonly Dictionary<string, string?> _settings = new(CoreHarness.DefaultSettings)
    {
        ["Catalog:Channels:web:AllocationPercent"] = "60",
    };

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private enum Then { Hold, Confirm, Release, Extend }

    private sealed record Caller(int Sku, string Channel, int Quantity, Then Then, bool RetriesReserve);

    private sealed record Answer(ReservationId Id, int Sku, Reservation? Granted, ReservationStatus? Status, DateTimeOffset? ExpiresAt);

    private static Gen<(int[] Stock, Caller[] Callers)> Scenario =>
        from stock in Gen.ArrayOf(Gen.Choose(0, 15), SkuCount)
        from count in Gen.Choose(1, 80)
        from callers in Gen.ArrayOf(
            from sku in Gen.Choose(0, SkuCount - 1)
            from channel in Gen.Elements("web", "pos")
            from quantity in Gen.Choose(1, 3)
            from then in Gen.Elements(Then.Hold, Then.Confirm, Then.Release, Then.Extend)
            from retries in Gen.Elements(true, false)
            select new Caller(sku, channel, quantity, then, retries),
            count)
        select (stock, callers);

    [Fact]
    public void Reserve_ManyCallersGroupedAnyhow_NeverBeyondStockOrQuotaAnswersMatchStoreAndLedgerReplays()
    {
        var property = Prop.ForAll(Scenario.ToArbitrary(), s => CheckScenario(s.Stock, s.Callers).GetAwaiter().GetResult());
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(30), property);
    }

    private static async Task CheckScenario(int[] stock, Caller[] callers)
    {
        using var file = new TempDatabase();
        using var database = file.Open();
        var store = new SqliteInventoryStore(database);
        using var core = new CoreHarness(store, _settings);
        var skus = Enumerable.Range(0, SkuCount).Select(_ => EventFactory.NewSku()).ToArray();
        var receipts = skus.Select((sku, i) => (sku, units: stock[i])).Where(s => s.units > 0)
            .Select(s => (InventoryEvent)EventFactory.Received(s.sku, "store-1", s.units)).ToList();
        if (receipts.Count > 0)
        {
            await core.Apply.HandleAsync(receipts, Cancellation);
        }

        var answers = new ConcurrentBag<Answer>();
        await Parallel.ForEachAsync(callers, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = Cancellation }, async (caller, ct) =>
            answers.Add(await Act(core, skus[caller.Sku], caller, ct)));

        var catalog = await core.Get<IInventoryCatalogSource>().GetCatalogAsync(Cancellation);
        for (var i = 0; i < SkuCount; i++)
        {
            var mine = answers.Where(a => a.Sku == i).ToList();
            var snapshot = await store.LoadAsync(skus[i], new SnapshotRequest([], [.. mine.Select(a => a.Id)]), Cancellation);
            AnswersMatchStore(mine, snapshot);
            NeverBeyondStockOrQuota(new SkuInventory(snapshot, catalog), catalog, core.Time.GetUtcNow());
            await LedgerReplaysInto(store, snapshot, mine);
        }
    }

    private static async Task<Answer> Act(CoreHarness core, Sku sku, Caller caller, CancellationToken ct)
    {
        var id = ReservationId.New();
        var command = new ReserveCommand(sku.Value, caller.Quantity, caller.Channel, ReservationId: id.Value);
        var reserved = await core.Reserve.HandleAsync(command, ct);
        if (!reserved.Succeeded)
        {
            reserved.Failure.ShouldBe(ReservationFailure.InsufficientStock);
            return new Answer(id, caller.Sku, null, null, null);
        }
        var granted = reserved.Reservation!;
        var then = caller.Then switch
        {
            Then.Confirm => await core.Lifecycle.ConfirmAsync(id.Value, $"order-{id}", ct),
            Then.Release => await core.Lifecycle.ReleaseAsync(id.Value, ct),
            Then.Extend => await core.Lifecycle.ExtendAsync(id.Value, 600, ct),
            _ => reserved,
        };
        then.Succeeded.ShouldBeTrue($"{caller.Then} of a reservation just granted");
        if (caller.RetriesReserve)
        {
            var again = await core.Reserve.HandleAsync(command, ct);
            if (then.Reservation!.Status == ReservationStatus.Active)
            {
                again.Reservation.ShouldBe(then.Reservation, "a retried reserve answers the hold already made");
            }
            else
            {
                again.Failure.ShouldBe(ReservationFailure.NotActive);
            }
        }
        return new Answer(id, caller.Sku, granted, then.Reservation!.Status, then.Reservation.ExpiresAt);
    }

    private static void AnswersMatchStore(List<Answer> answers, SkuSnapshot snapshot)
    {
        var stored = snapshot.Reservations.ToDictionary(r => r.Id);
        foreach (var answer in answers)
        {
            if (answer.Granted is null)
            {
                stored.ShouldNotContainKey(answer.Id, "a refused caller holds nothing");
                continue;
            }
            var reservation = stored[answer.Id];
            reservation.Status.ShouldBe(answer.Status!.Value);
            reservation.ExpiresAt.ShouldBe(answer.ExpiresAt!.Value);
            reservation.Quantity.ShouldBe(answer.Granted.Quantity);
            reservation.Location.ShouldBe(answer.Granted.Location);
        }
    }

    private static void NeverBeyondStockOrQuota(SkuInventory inventory, InventoryCatalog catalog, DateTimeOffset now)
    {
        foreach (var position in inventory.ViewAt(now).Values)
        {
            position.UnclampedAvailable.ShouldBeGreaterThanOrEqualTo(0, $"oversold at {position.Location}");
        }
        catalog.TryGetChannel(new ChannelId("web"), out var web).ShouldBeTrue();
        web.QuotaLeft(inventory.AvailabilityAt(now)).ShouldBeGreaterThanOrEqualTo(0, "web holds more than its quota");
    }

    private static async Task LedgerReplaysInto(SqliteInventoryStore store, SkuSnapshot snapshot, List<Answer> answers)
    {
        var ledger = await store.ReadLedgerAsync(snapshot.Sku, 1000, null, Cancellation);
        var applied = ledger.Entries.Reverse().ToList();
        LedgerReplay.Rebuild(applied).Values.ShouldBe(snapshot.Positions, ignoreOrder: true);
        applied.Select(e => e.Event).OfType<OrderPlaced>().Select(o => o.ReservationId?.Value).Order(StringComparer.Ordinal)
            .ShouldBe(answers.Where(a => a.Status == ReservationStatus.Confirmed).Select(a => (string?)a.Id.Value).Order(StringComparer.Ordinal), "orders placed are the reservations confirmed");
    }
}
