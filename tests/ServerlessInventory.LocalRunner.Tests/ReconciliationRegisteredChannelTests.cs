using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ServerlessInventory.LocalRunner.Tests.Support;

namespace ServerlessInventory.LocalRunner.Tests;

/// <summary>
/// A channel registered through <c>PUT /api/ops/channels/{channel}</c> with a <c>levelsUrl</c> is asked what it shows by
/// the next reconciliation run, signed with its configured secret, through its registered SKU mapping.
/// </summary>
public sealed class ReconciliationRegisteredChannelTests(RegistryRunnerFixture fixture) : IClassFixture<RegistryRunnerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reconcile_RegisteredChannelWithALevelsUrl_IsPulledSignedAndItsMappedLevelsCompared()
    {
        await using var levels = await LevelsEndpoint.StartAsync(RegistryRunnerFixture.MarketplaceSecret, Ct);
        var sku = Unique.Sku("RC-PULLED");
        levels.Answer(new JsonObject { ["sku"] = $"{sku}-CASE", ["level"] = 2, ["asOf"] = DateTimeOffset.UtcNow.ToString("O") });
        var registration = $$$$"""{"locations":["dc-1"],"levelsUrl":"{{{{levels.UrlFor("marketplace")}}}}","skuMap":{"{{{{sku}}}}-CASE":{"sku":"{{{{sku}}}}","unitFactor":12}}}""";
        using (var put = new HttpRequestMessage(HttpMethod.Put, "api/ops/channels/marketplace") { Content = new StringContent(registration, Encoding.UTF8, "application/json") })
        using (var created = await fixture.Runner.Http.SendAsync(put, Ct))
        {
            created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        }
        await Eventually.UntilAsync("marketplace is in the catalog", StatusOfMarketplaceAsync, status => status == HttpStatusCode.OK, Ct, diagnostics: () => fixture.Runner.Output);

        var report = await fixture.Runner.RunToEndAsync("marketplace", Ct);

        levels.SignedRequests.ShouldNotBeEmpty("the run asked the registered levels URL");
        levels.SignedRequests.ShouldAllBe(signed => signed);
        // Two cases of 12 the master never had: nothing was ever pushed and the master has no history.
        report.Of(sku).ShouldNotBeNull().ShouldSatisfyAllConditions(
            d => (d.MasterValue, d.ChannelValue).ShouldBe((0, 24)), d => d.LikelyCause.ShouldBe("unknown"), d => d.Action.ShouldBe("raised_for_review"));
    }

    private async Task<HttpStatusCode> StatusOfMarketplaceAsync(CancellationToken cancellationToken)
    {
        using var response = await fixture.Runner.Http.GetAsync(new Uri("api/availability?channel=marketplace&sku=ANY-1", UriKind.Relative), cancellationToken);
        return response.StatusCode;
    }
}
