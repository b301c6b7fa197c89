using System.Net;
using System.Text.Json;
using ServerlessInventory.LocalRunner.Tests.Support;

namespace ServerlessInventory.LocalRunner.Tests;

/// <summary>Lapsed holds: availability ignores them at once, and the sweeper makes that durable and pushes it.</summary>
public sealed class ReservationExpiryTests(SweeperRunnerFixture fixture) : IClassFixture<SweeperRunnerFixture>
{
    private const string Store = "store-1";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reservation_AfterItsTtlLapses_FreesStockAtOnceAndTheSweeperPushesIt()
    {
        var receiver = fixture.Receiver!;
        var sku = Unique.Sku("EXPIRY");
        await fixture.Runner.SendAndWaitAsync("pos", sku, Ct, CloudEvents.Received(Unique.Id("recv"), "pos", sku, Store, 3));
        await WaitForPushAsync(receiver, sku, p => p.Available == 3, "the received stock");

        using var created = await fixture.Api.ReserveRawAsync(new ReserveRequest(sku, 3, "pos", Store, TtlSeconds: 1), Ct);
        var createdText = await created.Content.ReadAsStringAsync(Ct);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, createdText);
        var reservation = JsonSerializer.Deserialize<ReservationView>(createdText, RunnerApi.Json)!;
        var held = await WaitForPushAsync(receiver, sku, p => p.Available == 0, "the hold");

        // The moment the hold lapses it no longer counts, whether or not the sweeper has run yet.
        var wait = reservation.ExpiresAt - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(100);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, Ct);
        }
        var position = (await fixture.Api.GetInventoryAsync(sku, Ct)).At(Store);
        position.Reserved.ShouldBe(0);
        position.AvailableToSell.ShouldBe(3);

        using (var confirm = await fixture.Api.ConfirmRawAsync(reservation.ReservationId, Unique.Id("order"), Ct))
        {
            var text = await confirm.Content.ReadAsStringAsync(Ct);
            confirm.StatusCode.ShouldBe(HttpStatusCode.Conflict, text);
            text.ShouldContain("expired", Case.Insensitive);
        }

        // Only the sweeper's commit puts a change on the feed after the hold: its push restores the channel's value.
        var restored = await WaitForPushAsync(receiver, sku, p => p.Available == 3 && p.Version > held.Version, "the expiry");
        restored.SignatureValid.ShouldBeTrue();
        (await fixture.Api.GetInventoryAsync(sku, Ct)).At(Store).Reserved.ShouldBe(0);
    }

    private Task<ReceivedPush> WaitForPushAsync(PushReceiver receiver, string sku, Func<ReceivedPush, bool> matches, string what) =>
        Eventually.UntilAsync(
            $"a pos push for {sku} after {what}",
            _ => Task.FromResult(receiver.Pushes.LastOrDefault(p => p.Channel == "pos" && p.Sku == sku && matches(p))),
            push => push is not null,
            Ct,
            diagnostics: () => $"pushes: {string.Join("; ", receiver.Pushes.Where(p => p.Sku == sku))}\nrunner output:\n{fixture.Runner.Output}")!;
}
