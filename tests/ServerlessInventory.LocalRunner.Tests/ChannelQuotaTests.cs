using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ServerlessInventory.LocalRunner.Tests.Support;

namespace ServerlessInventory.LocalRunner.Tests;

/// <summary>
/// Allocations are quotas (the runner's example configuration: web 40 % of dc-1, store-1 and store-2 with a buffer of 1;
/// wholesale 60 % of dc-1), and store pickup answers and decides on the store's own stock.
/// </summary>
public sealed class ChannelQuotaTests(DefaultRunnerFixture fixture) : IClassFixture<DefaultRunnerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reservations_200ConcurrentFromWebAndWholesaleOnFiftyUnits_EachChannelStaysWithinItsQuota()
    {
        var sku = Unique.Sku("QUOTA-RACE");
        await fixture.Runner.SendAndWaitAsync("pos", sku, Ct, CloudEvents.Received(Unique.Id("recv"), "pos", sku, "dc-1", 50));
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var checkouts = Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
        {
            var channel = i % 2 == 0 ? "web" : "wholesale";
            await start.Task;
            using var response = await fixture.Api.ReserveRawAsync(new ReserveRequest(sku, 1, channel), Ct);
            response.StatusCode.ShouldBeOneOf(HttpStatusCode.Created, HttpStatusCode.Conflict);
            return (Channel: channel, Granted: response.StatusCode == HttpStatusCode.Created);
        }, Ct)).ToList();
        start.SetResult();
        var results = await Task.WhenAll(checkouts);

        var web = results.Count(r => r.Channel == "web" && r.Granted);
        var wholesale = results.Count(r => r.Channel == "wholesale" && r.Granted);
        web.ShouldBeLessThanOrEqualTo(50 * 40 / 100);
        wholesale.ShouldBeLessThanOrEqualTo(50 * 60 / 100);
        (web + wholesale).ShouldBeLessThanOrEqualTo(50);
        // Every refusal was a full quota, not lost to contention: 40 % less web's buffer, and all of wholesale's 60 %.
        web.ShouldBe(19);
        wholesale.ShouldBe(30);
        (await fixture.Api.GetInventoryAsync(sku, Ct)).At("dc-1").Reserved.ShouldBe(web + wholesale);
        (await fixture.Api.GetAvailableAsync("web", sku, Ct)).ShouldBe(0);
        (await fixture.Api.GetAvailableAsync("wholesale", sku, Ct)).ShouldBe(0);
    }

    [Fact]
    public async Task Availability_LocationRepeated_AnswersEachStoresOwnStockAndPickupReservesThere()
    {
        var sku = Unique.Sku("PICKUP");
        await fixture.Runner.SendAndWaitAsync("pos", sku, Ct,
            CloudEvents.Received(Unique.Id("recv"), "pos", sku, "store-2", 3),
            CloudEvents.Received(Unique.Id("recv"), "pos", sku, "dc-1", 100));

        var answered = await fixture.Api.GetJsonAsync<AvailabilityView>(
            $"api/availability?channel=web&sku={Uri.EscapeDataString(sku)}&location=store-2&location=dc-1", Ct);
        using var pickup = await fixture.Api.ReserveRawAsync(new ReserveRequest(sku, 2, "web", "store-2"), Ct);
        using var beyond = await fixture.Api.ReserveRawAsync(new ReserveRequest(sku, 1, "web", "store-2"), Ct);

        // web's quota is 40 % of 103 = 41; store-2 has 3 of its own; the buffer of 1 is never offered.
        answered.ShouldNotBeNull().Items.ShouldBe([new SkuAvailabilityView(sku, 2, "store-2"), new SkuAvailabilityView(sku, 40, "dc-1")]);
        pickup.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await pickup.Content.ReadFromJsonAsync<ReservationView>(RunnerApi.Json, Ct)).ShouldNotBeNull().Location.ShouldBe("store-2");
        beyond.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await beyond.Content.ReadFromJsonAsync<InsufficientStockView>(RunnerApi.Json, Ct)).ShouldNotBeNull().Available.ShouldBe(0);
    }

    [Theory]
    [InlineData("channel=web&sku=A&locaton=store-2", "locaton")]
    [InlineData("channel=web&sku=A&skus=B&page=2", "skus,page")]
    [InlineData("channel=pos&sku=A&location=dc-1", "location")]
    public async Task Availability_InvalidQuery_Answers400NamingTheParameter(string query, string field)
    {
        using var response = await fixture.Api.Http.GetAsync(new Uri($"api/availability?{query}", UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        problem.RootElement.GetProperty("field").GetString().ShouldBe(field);
    }
}
