using System.Net;
using System.Text.Json;
using ServerlessInventory.LocalRunner.Tests.Support;

namespace ServerlessInventory.LocalRunner.Tests;

/// <summary>The synchronous checkout path against the master: no unit is ever promised twice, whoever asks.</summary>
public sealed class CheckoutTests(CheckoutRunnerFixture fixture) : IClassFixture<CheckoutRunnerFixture>
{
    private const string Store = "store-1";

    private static readonly string[] _channels = ["pos", "web"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Checkouts_PosAndWebRaceForTheLastUnit_ExactlyOneWinsTheOtherGets409()
    {
        // Several independent races (one SKU each) so that the two requests really interleave at least sometimes.
        const int races = 5;
        var skus = Enumerable.Range(1, races).Select(i => Unique.Sku($"RACE-LAST-{i}")).ToList();
        await Task.WhenAll(skus.Select(sku => fixture.Runner.SendAndWaitAsync("pos", sku, Ct, CloudEvents.Received(Unique.Id("recv"), "pos", sku, Store, 1))));

        foreach (var sku in skus)
        {
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var checkouts = _channels.Select(channel => Task.Run(async () =>
            {
                await start.Task;
                return await fixture.Api.ReserveRawAsync(new ReserveRequest(sku, 1, channel, Store), Ct);
            }, Ct)).ToList();
            start.SetResult();
            var responses = await Task.WhenAll(checkouts);
            try
            {
                responses.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(1, $"{sku}: exactly one checkout holds the last unit");
                var refused = responses.Where(r => r.StatusCode == HttpStatusCode.Conflict).ShouldHaveSingleItem();
                await ShouldBeInsufficientStockAsync(refused, available: 0);
            }
            finally
            {
                foreach (var response in responses)
                {
                    response.Dispose();
                }
            }

            var position = (await fixture.Api.GetInventoryAsync(sku, Ct)).At(Store);
            position.Reserved.ShouldBe(1);
            position.AvailableToSell.ShouldBe(0);
        }
    }

    [Fact]
    public async Task Checkout_OnlineAfterPosSoldTheLastUnit_Gets409()
    {
        var sku = Unique.Sku("SOLD-LAST");
        await fixture.Runner.SendAndWaitAsync("pos", sku, Ct,
            CloudEvents.Received(Unique.Id("recv"), "pos", sku, Store, 1),
            CloudEvents.Sale(Unique.Id("sale"), "pos", sku, Store, 1));
        (await fixture.Api.GetInventoryAsync(sku, Ct)).At(Store).OnHand.ShouldBe(0);

        using var response = await fixture.Api.ReserveRawAsync(new ReserveRequest(sku, 1, "web", Store), Ct);

        await ShouldBeInsufficientStockAsync(response, available: 0);
    }

    /// <summary>
    /// A flash sale: every checkout on one SKU at once. Exactly as many succeed as there are units and every other one
    /// is a 409: contention on the SKU is never a 500 (ConcurrencyExhaustedException), however many wait.
    /// </summary>
    [Theory]
    [InlineData(50, 200)]
    [InlineData(500, 2000)]
    public async Task Checkouts_ManyFromTwoChannelsForFewerUnits_ExactlyAsManySucceedAndNoneFails(int units, int checkouts)
    {
        var sku = Unique.Sku($"HOT-{units}");
        await fixture.Runner.SendAndWaitAsync("pos", sku, Ct, CloudEvents.Received(Unique.Id("recv"), "pos", sku, Store, units));

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var requests = Enumerable.Range(0, checkouts).Select(i => Task.Run(async () =>
        {
            await start.Task;
            using var response = await fixture.Api.ReserveRawAsync(new ReserveRequest(sku, 1, i % 2 == 0 ? "pos" : "web", Store), Ct);
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync(Ct));
        }, Ct)).ToList();
        start.SetResult();
        var answers = await Task.WhenAll(requests);

        var byStatus = answers.GroupBy(a => a.StatusCode).ToDictionary(g => g.Key, g => g.Count());
        var unexpected = answers.Where(a => a.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.Conflict)).Select(a => $"{(int)a.StatusCode} {a.Body}").Take(3).ToList();
        unexpected.ShouldBeEmpty($"every checkout is decided 201 or 409; got {string.Join(", ", byStatus.Select(s => $"{(int)s.Key}x{s.Value}"))}\n{fixture.Runner.Output}");
        byStatus.GetValueOrDefault(HttpStatusCode.Created).ShouldBe(units);
        byStatus.GetValueOrDefault(HttpStatusCode.Conflict).ShouldBe(checkouts - units);
        foreach (var (_, body) in answers.Where(a => a.StatusCode == HttpStatusCode.Conflict))
        {
            JsonSerializer.Deserialize<InsufficientStockView>(body, RunnerApi.Json)!.ShouldBe(new InsufficientStockView("insufficient_stock", 0));
        }

        var position = (await fixture.Api.GetInventoryAsync(sku, Ct)).At(Store);
        position.OnHand.ShouldBe(units);
        position.Reserved.ShouldBe(units);
        position.AvailableToSell.ShouldBe(0);
    }

    private static async Task ShouldBeInsufficientStockAsync(HttpResponseMessage response, int available)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Conflict, text);
        using var body = JsonDocument.Parse(text);
        body.RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray().ShouldBe(["available", "error"], customMessage: text);
        body.RootElement.GetProperty("error").GetString().ShouldBe("insufficient_stock");
        body.RootElement.GetProperty("available").GetInt32().ShouldBe(available);
    }
}
