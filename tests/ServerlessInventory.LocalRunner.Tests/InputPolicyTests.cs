using System.Net;
using System.Text;
using System.Text.Json;
using ServerlessInventory.LocalRunner.Tests.Support;

namespace ServerlessInventory.LocalRunner.Tests;

/// <summary>
/// What the runner refuses at the door, over real HTTP: events dated in the future are parked rather than accepted,
/// one that is replayed anyway never distorts a count, and every body is held to one strict JSON policy.
/// </summary>
public sealed class InputPolicyTests(IngestionRunnerFixture fixture) : IClassFixture<IngestionRunnerFixture>
{
    private const string Store = "store-1";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FutureDatedEvents_AreParkedAtIngest_AndOneReplayedByOpsDoesNotDistortLaterCounts()
    {
        var sku = Unique.Sku("FUTURE");
        var now = DateTimeOffset.UtcNow;
        await fixture.Runner.SendAndWaitAsync("pos", sku, Ct, CloudEvents.Received(Unique.Id("recv"), "pos", sku, Store, 12, time: now));

        var countId = Unique.Id("count-ahead");
        var countAhead = await fixture.Api.SendEventAsync("pos", CloudEvents.Counted(countId, "pos", sku, Store, 40, countedAt: now.AddDays(1), time: now), Ct);
        var saleId = Unique.Id("sale-2030");
        var saleIn2030 = await fixture.Api.SendEventAsync("pos", CloudEvents.Sale(saleId, "pos", sku, Store, 2, time: new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero)), Ct);

        countAhead.Accepted.ShouldBeEmpty();
        countAhead.Parked.ShouldHaveSingleItem().Reason.ShouldStartWith("data.countedAt: ");
        saleIn2030.Accepted.ShouldBeEmpty();
        saleIn2030.Parked.ShouldHaveSingleItem().Reason.ShouldStartWith("time: ");

        // Ops decide the sale really happened and replay it: it is applied, dated 2030, before the counts below.
        var parkedSale = (await fixture.Api.ListParkedAsync(Ct)).Single(p => p.EventId == saleId);
        parkedSale.Field.ShouldBe("time");
        using (var replay = await fixture.Api.Http.PostAsync($"api/ops/parked/{Uri.EscapeDataString(parkedSale.Id)}/replay", null, Ct))
        {
            replay.IsSuccessStatusCode.ShouldBeTrue(await replay.Content.ReadAsStringAsync(Ct));
        }
        await fixture.Runner.WaitForAppliedAsync(sku, saleId, Ct);
        (await fixture.Api.GetInventoryAsync(sku, Ct)).At(Store).OnHand.ShouldBe(10);

        var counted = DateTimeOffset.UtcNow;
        await fixture.Runner.SendAndWaitAsync("pos", sku, Ct, CloudEvents.Counted(Unique.Id("count"), "pos", sku, Store, 10, countedAt: counted, time: counted));
        var afterFirstCount = (await fixture.Api.GetInventoryAsync(sku, Ct)).At(Store).OnHand;
        await fixture.Runner.SendAndWaitAsync("pos", sku, Ct, CloudEvents.Counted(Unique.Id("count"), "pos", sku, Store, 10, countedAt: counted.AddSeconds(5), time: counted));

        afterFirstCount.ShouldBe(10);
        (await fixture.Api.GetInventoryAsync(sku, Ct)).At(Store).OnHand.ShouldBe(10);
        (await fixture.Api.GetLedgerAsync(sku, Ct)).ShouldNotContain(e => e.EventId == countId);
    }

    [Fact]
    public async Task Webhook_EventWithoutSpecVersion_IsRefusedAloneAndParkedInABatch()
    {
        var sku = Unique.Sku("NO-SPECVERSION");
        var alone = CloudEvents.Received(Unique.Id("alone"), "pos", sku, Store, 5);
        alone.Remove("specversion");
        var inBatch = CloudEvents.Received(Unique.Id("batched"), "pos", sku, Store, 5);
        inBatch["specversion"] = "0.3";
        var good = CloudEvents.Received(Unique.Id("good"), "pos", sku, Store, 1);

        using (var single = await fixture.Api.PostWebhookAsync("pos", Webhooks.Body(alone), Ct))
        {
            (await ProblemFieldAsync(single)).ShouldBe("specversion");
        }
        var batch = await fixture.Api.SendEventsAsync("pos", [inBatch, good], Ct);

        batch.Accepted.ShouldBe([good["id"]!.GetValue<string>()]);
        batch.Parked.ShouldHaveSingleItem().Reason.ShouldStartWith("specversion: ");
        await fixture.Runner.WaitForAppliedAsync(sku, good["id"]!.GetValue<string>(), Ct);
        (await fixture.Api.GetInventoryAsync(sku, Ct)).At(Store).OnHand.ShouldBe(1);
    }

    [Theory]
    [InlineData("""{"sku":"{sku}","quantity":"5","channel":"pos"}""", "quantity")]
    [InlineData("""{"sku":"{sku}","quantity":1,"quantity":5,"channel":"pos"}""", "quantity")]
    [InlineData("""{"sku":"{sku}","quantity":5,"channel":"pos",}""", "body")]
    public async Task Reservation_BodyBreakingTheJsonPolicy_Is400NamingTheFieldAndReservesNothing(string json, string field)
    {
        var sku = Unique.Sku("STRICT-BODY");
        await fixture.Runner.SendAndWaitAsync("pos", sku, Ct, CloudEvents.Received(Unique.Id("recv"), "pos", sku, Store, 10));

        using var content = new StringContent(json.Replace("{sku}", sku, StringComparison.Ordinal), Encoding.UTF8, "application/json");
        using var response = await fixture.Api.Http.PostAsync("api/reservations", content, Ct);

        (await ProblemFieldAsync(response)).ShouldBe(field);
        (await fixture.Api.GetInventoryAsync(sku, Ct)).At(Store).Reserved.ShouldBe(0);
    }

    private static async Task<string?> ProblemFieldAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, text);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", text);
        using var problem = JsonDocument.Parse(text);
        return problem.RootElement.GetProperty("field").GetString();
    }
}
