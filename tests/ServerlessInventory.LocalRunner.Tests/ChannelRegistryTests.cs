using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ServerlessInventory.LocalRunner.Tests.Support;

namespace ServerlessInventory.LocalRunner.Tests;

/// <summary>
/// <c>/api/ops/channels</c>: ops edit the channel registry over HTTP with optimistic concurrency (ETag, If-Match), and
/// the pipeline sells, ingests and maps by the edit within <c>ChannelRegistry:CacheDuration</c> (1 s in this runner).
/// </summary>
public sealed class ChannelRegistryTests(RegistryRunnerFixture fixture) : IClassFixture<RegistryRunnerFixture>
{
    /// <summary>The cache period plus room for a loaded machine: far below the 30 s default, so only a re-read explains it.</summary>
    private static readonly TimeSpan _seenWithin = RegistryRunnerFixture.CacheDuration + TimeSpan.FromSeconds(4);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Http => fixture.Runner.Http;

    [Fact]
    public async Task Channel_CreatedReadUpdatedAndDeleted_KeepsItsContentAndRefusesStaleEdits()
    {
        const string body = """{"locations":["dc-1","store-2"],"buffer":2,"allocationCap":5,"format":"Shopify","pushUrl":"https://127.0.0.1:9/push/crud","levelsUrl":"https://127.0.0.1:9/levels/crud","skuMap":{"EXT-1":{"sku":"MASTER-1","unitFactor":12}},"locationMap":{"WH":"dc-1"},"requireSkuMapping":true,"variantMap":{"808950810":{"sku":"MASTER-1","unitFactor":1}}}""";
        var expected = JsonNode.Parse(body)!.AsObject();
        expected["channel"] = "crud";
        expected["allocationPercent"] = null;

        using var created = await PutAsync("crud", body, ifMatch: null);
        var createdTag = await ShouldAnswerWithETagAsync(created, HttpStatusCode.Created, expected);
        using (var got = await Http.GetAsync(new Uri("api/ops/channels/crud", UriKind.Relative), Ct))
        {
            (await ShouldAnswerWithETagAsync(got, HttpStatusCode.OK, expected)).ShouldBe(createdTag);
        }
        var listed = JsonNode.Parse(await Http.GetStringAsync(new Uri("api/ops/channels", UriKind.Relative), Ct))!["items"]!.AsArray();
        JsonNode.DeepEquals(listed.Single(i => (string?)i!["channel"] == "crud"), expected).ShouldBeTrue(listed.ToJsonString());

        using var createdAgain = await PutAsync("crud", body, ifMatch: null);
        (await ShouldBeProblemAsync(createdAgain, HttpStatusCode.Conflict))["detail"]!.GetValue<string>().ShouldContain("send If-Match with the ETag from GET");

        const string edit = """{"locations":["store-2"],"buffer":0,"allocationPercent":30}""";
        using var updated = await PutAsync("crud", edit, createdTag);
        var updatedTag = await ShouldAnswerWithETagAsync(updated, HttpStatusCode.OK, JsonNode.Parse("""{"channel":"crud","locations":["store-2"],"buffer":0,"allocationPercent":30,"allocationCap":null,"format":"CloudEvents","pushUrl":null,"levelsUrl":null,"skuMap":{},"locationMap":{},"requireSkuMapping":false,"variantMap":{}}""")!);
        updatedTag.ShouldNotBe(createdTag);
        using var stale = await PutAsync("crud", body, createdTag);
        await ShouldBeProblemAsync(stale, HttpStatusCode.PreconditionFailed);
        using (var got = await Http.GetAsync(new Uri("api/ops/channels/crud", UriKind.Relative), Ct))
        {
            (await ShouldAnswerWithETagAsync(got, HttpStatusCode.OK, JsonNode.Parse(await updated.Content.ReadAsStringAsync(Ct))!)).ShouldBe(updatedTag);
        }

        using (var staleDelete = new HttpRequestMessage(HttpMethod.Delete, new Uri("api/ops/channels/crud", UriKind.Relative)))
        {
            staleDelete.Headers.TryAddWithoutValidation("If-Match", createdTag);
            using var refused = await Http.SendAsync(staleDelete, Ct);
            await ShouldBeProblemAsync(refused, HttpStatusCode.PreconditionFailed);
        }
        using var delete = new HttpRequestMessage(HttpMethod.Delete, new Uri("api/ops/channels/crud", UriKind.Relative));
        delete.Headers.TryAddWithoutValidation("If-Match", updatedTag);
        using var deleted = await Http.SendAsync(delete, Ct);
        deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        using var gone = await Http.GetAsync(new Uri("api/ops/channels/crud", UriKind.Relative), Ct);
        await ShouldBeProblemAsync(gone, HttpStatusCode.NotFound);
        using var deletedAgain = await Http.DeleteAsync(new Uri("api/ops/channels/crud", UriKind.Relative), Ct);
        await ShouldBeProblemAsync(deletedAgain, HttpStatusCode.NotFound);
        using var staleAfterDelete = await PutAsync("crud", edit, updatedTag);
        await ShouldBeProblemAsync(staleAfterDelete, HttpStatusCode.PreconditionFailed);
    }

    [Theory]
    [InlineData("""{"locations":["dc-1"],"allocationPercent":40,"allocationCap":5}""", null, "allocationPercent")]
    [InlineData("""{"locations":["dc-1"],"format":"Magento"}""", null, "format")]
    [InlineData("""{"locations":["dc-1"],"pushUrl":"/push/bad"}""", null, "pushUrl")]
    [InlineData("""{"locations":["dc-1"],"levelsUrl":"http://example.test/levels"}""", null, "levelsUrl")]
    [InlineData("""{"locations":["dc 1 ","dc-1"]}""", null, "locations[0]")]
    [InlineData("""{"locations":["dc-1"],"buffer":"two"}""", null, "buffer")]
    [InlineData("""{"locations":["dc-1"],"secret":"s3cret"}""", null, "secret")]
    [InlineData("""{"locations":["dc-1"]}""", "W/\"weak\"", "If-Match")]
    public async Task Put_InvalidRequest_Answers400NamingTheFieldAndSavesNothing(string body, string? ifMatch, string field)
    {
        using var response = await PutAsync("invalid", body, ifMatch);

        var problem = await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest);
        problem["field"]!.GetValue<string>().ShouldBe(field);
        if (field == "secret")
        {
            problem["detail"]!.GetValue<string>().ShouldContain("Catalog__Channels__invalid__Secret");
        }
        using var got = await Http.GetAsync(new Uri("api/ops/channels/invalid", UriKind.Relative), Ct);
        got.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Put_IfMatchStar_ReplacesARegisteredChannelButCreatesNone()
    {
        using var absent = await PutAsync("star", """{"buffer":1}""", "*");
        await ShouldBeProblemAsync(absent, HttpStatusCode.PreconditionFailed);
        using var created = await PutAsync("star", """{"buffer":1}""", ifMatch: null);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);

        using var replaced = await PutAsync("star", """{"buffer":4}""", "*");

        replaced.StatusCode.ShouldBe(HttpStatusCode.OK);
        JsonNode.Parse(await Http.GetStringAsync(new Uri("api/ops/channels/star", UriKind.Relative), Ct))!["buffer"]!.GetValue<int>().ShouldBe(4);
        using var deleted = await Http.DeleteAsync(new Uri("api/ops/channels/star", UriKind.Relative), Ct);
        deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task RegisteredChannel_MarketplaceSellingHalfOfDc1_IsOfferedWithinTheCacheDurationAndIngestsSignedWebhooks()
    {
        var sku = Unique.Sku("registry-marketplace");
        using var before = await Http.GetAsync(new Uri(AvailabilityPath("marketplace", sku), UriKind.Relative), Ct);
        before.StatusCode.ShouldBe(HttpStatusCode.NotFound, "configured with a secret only, marketplace sells nothing yet");

        using var created = await PutAsync("marketplace", $$$$"""{"locations":["dc-1"],"allocationPercent":50,"skuMap":{"{{{{sku}}}}-CASE":{"sku":"{{{{sku}}}}","unitFactor":12}}}""", ifMatch: null);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var clock = Stopwatch.StartNew();
        await Eventually.UntilAsync("marketplace is offered", ct => StatusOfAsync(AvailabilityPath("marketplace", sku), ct), s => s == HttpStatusCode.OK, Ct, _seenWithin, () => fixture.Runner.Output);
        TestContext.Current.SendDiagnosticMessage($"marketplace offered {clock.ElapsedMilliseconds} ms after it was registered");

        // Two cases of 12 received at dc-1, under the marketplace's own SKU: its secret comes from configuration, its mapping from the registry.
        var body = Webhooks.Body(CloudEvents.Received(Unique.Id("mk"), "marketplace", $"{sku}-CASE", "dc-1", 2));
        using var webhook = await fixture.Api.PostWebhookRawAsync("marketplace", body, Webhooks.Sign(RegistryRunnerFixture.MarketplaceSecret, body), Ct);
        (await RunnerApi.ReadAcceptedAsync(webhook, Ct)).Accepted.ShouldHaveSingleItem();

        await AvailableEventuallyAsync("marketplace", sku, 12, Eventually.DefaultTimeout);
        (await fixture.Api.GetInventoryAsync(sku, Ct)).At("dc-1").OnHand.ShouldBe(24);
    }

    [Fact]
    public async Task RegisteredChannel_WebBufferRaised_LowersWebAvailabilityUntilItIsRemoved()
    {
        var sku = Unique.Sku("registry-web");
        await fixture.Api.SendEventAsync("pos", CloudEvents.Received(Unique.Id("rw"), "pos", sku, "store-1", 10), Ct);
        await AvailableEventuallyAsync("web", sku, 3, Eventually.DefaultTimeout); // configured: 40 % of 10, less buffer 1

        using var created = await PutAsync("web", """{"locations":["dc-1","store-1","store-2"],"buffer":3,"allocationPercent":40}""", ifMatch: null);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        await AvailableEventuallyAsync("web", sku, 1, _seenWithin);

        // Registered, web still signs with its configured secret.
        await fixture.Api.SendEventAsync("web", CloudEvents.Received(Unique.Id("rw"), "web", sku, "store-1", 10), Ct);
        await AvailableEventuallyAsync("web", sku, 5, Eventually.DefaultTimeout); // 40 % of 20, less buffer 3

        using var deleted = await Http.DeleteAsync(new Uri("api/ops/channels/web", UriKind.Relative), Ct);
        deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await AvailableEventuallyAsync("web", sku, 7, _seenWithin); // configured again: buffer 1
    }

    private static string AvailabilityPath(string channel, string sku) => $"api/availability?channel={channel}&sku={Uri.EscapeDataString(sku)}";

    private async Task<HttpStatusCode> StatusOfAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await Http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        return response.StatusCode;
    }

    private Task<int> AvailableEventuallyAsync(string channel, string sku, int expected, TimeSpan timeout) =>
        Eventually.UntilAsync($"{channel} offers {expected} of {sku}", ct => fixture.Api.GetAvailableAsync(channel, sku, ct), a => a == expected, Ct, timeout, () => fixture.Runner.Output);

    private async Task<HttpResponseMessage> PutAsync(string channel, string json, string? ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"api/ops/channels/{channel}") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return await Http.SendAsync(request, Ct);
    }

    /// <summary>Requires the status and a body equal to <paramref name="expected"/>; returns the strong ETag it carried.</summary>
    private static async Task<string> ShouldAnswerWithETagAsync(HttpResponseMessage response, HttpStatusCode status, JsonNode expected)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(status, text);
        JsonNode.DeepEquals(JsonNode.Parse(text), expected).ShouldBeTrue($"{text}\nexpected {expected.ToJsonString()}");
        var etag = response.Headers.ETag.ShouldNotBeNull();
        etag.IsWeak.ShouldBeFalse();
        return etag.Tag;
    }

    private static async Task<JsonNode> ShouldBeProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(status, text);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        return JsonNode.Parse(text)!;
    }
}
