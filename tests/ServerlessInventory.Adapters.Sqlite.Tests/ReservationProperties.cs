using FsCheck;
using FsCheck.Fluent;
using ServerlessInventory.Core.Application;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Testing;
using Shouldly;
using Xunit;

namespace ServerlessInventory.Adapters.Sqlite.Tests;

/// <summary>
/// Concurrent checkouts from two channels reserve, confirm and release against random stock through Core
/// and a real SQLite file. No interleaving grants a unit twice, and reserved is always the sum of the
/// reservations still active.
/// </summary>
public sealed class ReservationProperties
{
    private static readonly string?[] _locations = [null, "dc-1", "store-1", "store-2"];

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private sealed record Checkout(string Channel, int Quantity, string? Location, int Then);

    private static Gen<(int[] Stock, Checkout[] Checkouts)> Scenario =>
        from stock in Gen.ArrayOf(Gen.Choose(0, 12), 3)
        from count in Gen.Choose(1, 60)
        from checkouts in Gen.ArrayOf(
            from channel in Gen.Elements("web", "pos")
            from quantity in Gen.Choose(1, 4)
            from location in Gen.Elements(_locations)
            from then in Gen.Choose(0, 2)
            select new Checkout(channel, quantity, channel == "pos" && location is not null ? "store-1" : location, then),
            count)
        select (stock, checkouts);

    [Fact]
    public void Reserve_ConcurrentCheckouts_NeverGrantBeyondStockAndReservedMatchesActiveHolds()
    {
        var property = Prop.ForAll(Scenario.ToArbitrary(), s => CheckScenario(s.Stock, s.Checkouts).GetAwaiter().GetResult());
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(40), property);
    }

    private static async Task CheckScenario(int[] stock, Checkout[] checkouts)
    {
        using var file = new TempDatabase();
        using var database = file.Open();
        var store = new SqliteInventoryStore(database);
        using var core = new CoreHarness(store);
        var sku = EventFactory.NewSku();
        var locations = EventScenario.Locations;
        var receipts = locations.Select((l, i) => (Location: l, Units: stock[i])).Where(s => s.Units > 0)
            .Select(s => (Core.Events.InventoryEvent)EventFactory.Received(sku, s.Location, s.Units)).ToList();
        if (receipts.Count > 0)
        {
            await core.Apply.HandleAsync(receipts, Cancellation);
        }

        // Then: 0 keeps the hold, 1 confirms it into an order, 2 releases it.
        var held = new System.Collections.Concurrent.ConcurrentBag<Reservation>();
        var committed = new System.Collections.Concurrent.ConcurrentBag<Reservation>();
        await Parallel.ForEachAsync(checkouts, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = Cancellation }, async (checkout, ct) =>
        {
            var result = await core.Reserve.HandleAsync(new ReserveCommand(sku.Value, checkout.Quantity, checkout.Channel, checkout.Location), ct);
            if (!result.Succeeded)
            {
                result.Failure.ShouldBe(ReservationFailure.InsufficientStock);
                return;
            }
            var reservation = result.Reservation!;
            switch (checkout.Then)
            {
                case 1:
                    (await core.Lifecycle.ConfirmAsync(reservation.Id.Value, $"order-{reservation.Id}", ct)).Succeeded.ShouldBeTrue();
                    committed.Add(reservation);
                    break;
                case 2:
                    (await core.Lifecycle.ReleaseAsync(reservation.Id.Value, ct)).Succeeded.ShouldBeTrue();
                    break;
                default:
                    held.Add(reservation);
                    break;
            }
        });

        var report = await core.Inventory.HandleAsync(sku, Cancellation);
        foreach (var position in report.Locations)
        {
            position.Reserved.ShouldBe(held.Where(r => r.Location == position.Location).Sum(r => r.Quantity), $"reserved at {position.Location}");
            position.Committed.ShouldBe(committed.Where(r => r.Location == position.Location).Sum(r => r.Quantity), $"committed at {position.Location}");
            position.UnclampedAvailable.ShouldBeGreaterThanOrEqualTo(0, $"oversold at {position.Location}");
        }
        var ledger = await store.ReadLedgerAsync(sku, 500, null, Cancellation);
        ledger.Entries.ShouldAllBe(e => e.Oversold == 0);
    }
}
