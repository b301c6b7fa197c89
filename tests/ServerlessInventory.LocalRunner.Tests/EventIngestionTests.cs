using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ServerlessInventory.LocalRunner.Tests.Support;

namespace ServerlessInventory.LocalRunner.Tests;

/// <summary>Channel webhooks through the topic into the master: idempotent, ordered per SKU, and strict about bad input.</summary>
public sealed class EventIngestionTests(IngestionRunnerFixture fixture) : IClassFixture<IngestionRunnerFixture>
{
    private const string Store = "store-1";
    private const string Dc = "dc-1";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Webhook_DeliveredFiveTimes_AppliesOnce()
    {
        var sku = Unique.Sku("DUP-5");
        await fixture.Runner.SendAndWaitAsync("pos", sku, Ct, CloudEvents.Received(Unique.Id("recv"), "pos", sku, Store, 10));

        var saleId = Unique.Id("sale");
        var body = Webhooks.Body(CloudEvents.Sale(saleId, "pos", sku, Store, 3));
        var answers = new List<WebhookAccepted>();
        for (var delivery = 1; delivery <= 5; delivery++)
        {
            // The same bytes, hence the same signature, every time: a channel retrying.
            using var response = await fixture.Api.PostWebhookAsync("pos", body, Ct);
            answers.Add(await RunnerApi.ReadAcceptedAsync(response, Ct));
        }

        answers[0].Accepted.ShouldBe([saleId]);
        answers[0].Duplicates.ShouldBeEmpty();
        foreach (var later in answers.Skip(1))
        {
            later.Accepted.ShouldBeEmpty();
            later.Duplicates.ShouldBe([saleId]);
            later.Parked.ShouldBeEmpty();
        }

        // A later event of the same SKU is applied after everything sent before it (one session per SKU, in order),
        // so once it is in the ledger no delivery of the sale can still be on its way.
        var sentinel = CloudEvents.Received(Unique.Id("sentinel"), "pos", sku, Store, 1);
        await fixture.Runner.SendAndWaitAsync("pos", sku, Ct, sentinel);

        var ledger = await fixture.Api.GetLedgerAsync(sku, Ct);
        ledger.Count(e => e.EventId == saleId).ShouldBe(1);
        ledger.Count.ShouldBe(3);
        (await fixture.Api.GetInventoryAsync(sku, Ct)).At(Store).OnHand.ShouldBe(10 - 3 + 1);
    }

    [Fact]
    public async Task Webhook_DeliveredFiveTimesAtOnce_AcceptedOnceAndAppliedOnce()
    {
        var sku = Unique.Sku("DUP-5-CONCURRENT");
        var saleId = Unique.Id("sale");
        var body = Webhooks.Body(CloudEvents.Sale(saleId, "pos", sku, Store, 2));

        // A channel whose retry overtakes its own first attempt: all five in flight together.
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var deliveries = Enumerable.Range(0, 5).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            using var response = await fixture.Api.PostWebhookAsync("pos", body, Ct);
            return await RunnerApi.ReadAcceptedAsync(response, Ct);
        }, Ct)).ToList();
        start.SetResult();
        var answers = await Task.WhenAll(deliveries);

        answers.Count(a => a.Accepted.SequenceEqual([saleId])).ShouldBe(1);
        answers.Count(a => a.Duplicates.SequenceEqual([saleId]) && a.Accepted.Count == 0).ShouldBe(4);

        await fixture.Runner.SendAndWaitAsync("pos", sku, Ct, CloudEvents.Received(Unique.Id("sentinel"), "pos", sku, Store, 5));
        var ledger = await fixture.Api.GetLedgerAsync(sku, Ct);
        ledger.Count(e => e.EventId == saleId).ShouldBe(1);
        ledger.Count.ShouldBe(2);
        (await fixture.Api.GetInventoryAsync(sku, Ct)).At(Store).OnHand.ShouldBe(-2 + 5);
    }

    [Fact]
    public async Task CycleCount_AsOfEarlierTimeArrivingLast_KeepsTheLaterSales()
    {
        var sku = Unique.Sku("COUNT-ASOF");
        var t0 = DateTimeOffset.UtcNow.AddHours(-1);
        var countId = Unique.Id("count");

        await fixture.Runner.SendAndWaitAsync("pos", sku, Ct,
            CloudEvents.Received(Unique.Id("recv"), "pos", sku, Store, 10, time: t0),
            CloudEvents.Sale(Unique.Id("sale"), "pos", sku, Store, 2, time: t0.AddMinutes(10)),
            CloudEvents.Sale(Unique.Id("sale"), "pos", sku, Store, 1, time: t0.AddMinutes(20)),
            CloudEvents.Counted(countId, "pos", sku, Store, counted: 8, countedAt: t0.AddMinutes(5), time: t0.AddMinutes(25)));

        var position = (await fixture.Api.GetInventoryAsync(sku, Ct)).At(Store);
        position.OnHand.ShouldBe(8 - 2 - 1, "the count of 8 as of T0+5min, less the sales after it");
        var ledger = await fixture.Api.GetLedgerAsync(sku, Ct);
        ledger[0].EventId.ShouldBe(countId, "the ledger is newest first and the count arrived last");
    }

    [Fact]
    public async Task Transfer_ShippedThenReceived_MovesStockThroughIncoming()
    {
        var sku = Unique.Sku("TRANSFER");
        var transferId = Unique.Id("tr");
        await fixture.Runner.SendAndWaitAsync("wholesale", sku, Ct, CloudEvents.Received(Unique.Id("recv"), "wholesale", sku, Dc, 20));

        await fixture.Runner.SendAndWaitAsync("wholesale", sku, Ct, CloudEvents.TransferShipped(Unique.Id("ship"), "wholesale", transferId, sku, Dc, Store, 6));
        var shipped = await fixture.Api.GetInventoryAsync(sku, Ct);
        shipped.At(Dc).OnHand.ShouldBe(14);
        shipped.At(Store).Incoming.ShouldBe(6);
        shipped.At(Store).OnHand.ShouldBe(0);

        await fixture.Runner.SendAndWaitAsync("pos", sku, Ct, CloudEvents.TransferReceived(Unique.Id("got"), "pos", transferId, sku, Store, 6));
        var received = await fixture.Api.GetInventoryAsync(sku, Ct);
        received.At(Dc).OnHand.ShouldBe(14);
        received.At(Store).Incoming.ShouldBe(0);
        received.At(Store).OnHand.ShouldBe(6);
    }

    [Fact]
    public async Task Webhooks_BadInput_AreRefusedAndChangeNothing()
    {
        var sku = Unique.Sku("BAD-INPUT");
        await fixture.Runner.SendAndWaitAsync("pos", sku, Ct, CloudEvents.Received(Unique.Id("recv"), "pos", sku, Store, 7));
        var inventoryBefore = await fixture.Api.GetInventoryAsync(sku, Ct);
        var ledgerBefore = await fixture.Api.GetLedgerAsync(sku, Ct);
        var parkedBefore = await fixture.Api.ListParkedAsync(Ct);

        // 401: a good event, signed with the wrong secret.
        var good = Webhooks.Body(CloudEvents.Received(Unique.Id("forged"), "pos", sku, Store, 5));
        using (var forged = await fixture.Api.PostWebhookRawAsync("pos", good, Webhooks.Sign("not-the-secret", good), Ct))
        {
            forged.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }
        using (var unsigned = await fixture.Api.PostWebhookRawAsync("pos", good, signature: null, Ct))
        {
            unsigned.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        // 400: not JSON at all, properly signed.
        using (var malformed = await fixture.Api.PostWebhookAsync("pos", Encoding.UTF8.GetBytes("{\"id\": \"x\", \"type\": "), Ct))
        {
            var problem = await ShouldBeProblemAsync(malformed, HttpStatusCode.BadRequest);
            problem.TryGetProperty("field", out var field).ShouldBeTrue();
            field.GetString().ShouldNotBeNullOrEmpty();
        }

        // 400: one event, invalid, names the field.
        var zero = CloudEvents.Received(Unique.Id("zero"), "pos", sku, Store, 1);
        zero["data"]!["quantity"] = 0;
        using (var invalid = await fixture.Api.PostWebhookAsync("pos", Webhooks.Body(zero), Ct))
        {
            var problem = await ShouldBeProblemAsync(invalid, HttpStatusCode.BadRequest);
            problem.GetProperty("field").GetString().ShouldBe("data.quantity");
        }

        // 413: a properly signed batch of good events, just longer than Webhooks:MaxBodyBytes.
        var batch = new List<JsonObject>();
        while (Webhooks.Body(batch).Length <= IngestionRunnerFixture.MaxBodyBytes)
        {
            batch.Add(CloudEvents.Received(Unique.Id("big"), "pos", sku, Store, 1));
        }
        using (var tooLarge = await fixture.Api.PostWebhookAsync("pos", Webhooks.Body(batch), Ct))
        {
            (await ShouldBeProblemAsync(tooLarge, HttpStatusCode.RequestEntityTooLarge)).GetProperty("field").GetString().ShouldBe("body");
        }
        using (var tooLargeChunked = await fixture.Api.PostWebhookAsync("pos", Webhooks.Body(batch), Ct, chunked: true))
        {
            tooLargeChunked.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge, "a body without Content-Length is measured as it is read");
        }

        // 404: a channel that is not configured.
        var stranger = Webhooks.Body(CloudEvents.Received(Unique.Id("stranger"), "nosuchchannel", sku, Store, 5));
        using (var unknown = await fixture.Api.PostWebhookAsync("nosuchchannel", stranger, Ct))
        {
            unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        // Whatever any of them might have queued is applied before this (same SKU, in order).
        var sentinelId = Unique.Id("sentinel");
        await fixture.Runner.SendAndWaitAsync("pos", sku, Ct, CloudEvents.Received(sentinelId, "pos", sku, Store, 1));

        var inventoryAfter = await fixture.Api.GetInventoryAsync(sku, Ct);
        inventoryAfter.At(Store).ShouldBe(inventoryBefore.At(Store) with
        {
            OnHand = inventoryBefore.At(Store).OnHand + 1,
            AvailableToSell = inventoryBefore.At(Store).AvailableToSell + 1,
        });
        inventoryAfter.Locations.Count.ShouldBe(inventoryBefore.Locations.Count);
        var ledgerAfter = await fixture.Api.GetLedgerAsync(sku, Ct);
        ledgerAfter.Select(e => e.EventId).ShouldBe([sentinelId, .. ledgerBefore.Select(e => e.EventId)]);
        var parkedAfter = await fixture.Api.ListParkedAsync(Ct);
        parkedAfter.Select(p => p.Id).ShouldBe(parkedBefore.Select(p => p.Id));
        parkedAfter.ShouldNotContain(p => p.Payload.GetRawText().Contains(sku, StringComparison.Ordinal));
    }

    private static async Task<JsonElement> ShouldBeProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(status, text);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", text);
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
