using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServerlessInventory.Adapters.Channels.Tests.Support;
using ServerlessInventory.Core.Availability;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Adapters.Channels.Tests;

/// <summary>
/// The generic channel's level query over real HTTP: a loopback endpoint serving scripted pages at
/// <c>GET /levels/{channel}</c>, the source as the product wires it (<see cref="ServiceCollectionExtensions.AddChannelPush"/>).
/// </summary>
public sealed class HttpChannelLevelSourceTests : IAsyncLifetime
{
    private const string Secret = "s3cret-of-the-channel";
    private static readonly DateTimeOffset _asOf = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    private readonly ConcurrentQueue<(string PathAndQuery, string? Signature)> _requests = new();
    private readonly Dictionary<string, string> _pages = new(StringComparer.Ordinal);
    private WebApplication? _app;
    private Uri _base = new("http://127.0.0.1/");

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.MapGet("/levels/{channel}", (HttpContext context) =>
        {
            var target = context.Request.Path + context.Request.QueryString;
            _requests.Enqueue((target, context.Request.Headers.TryGetValue("X-Signature", out var signature) ? signature.ToString() : null));
            var continuation = context.Request.Query["continuation"].FirstOrDefault() ?? "";
            return _pages.TryGetValue(continuation, out var page) ? Results.Text(page, "application/json") : Results.NotFound();
        });
        await _app.StartAsync(Cancellation);
        _base = new Uri(_app.Urls.Single());
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync(CancellationToken.None);
            await _app.DisposeAsync();
        }
    }

    [Fact]
    public async Task Pull_TwoPages_FollowsTheContinuationWithSignedGets()
    {
        _pages[""] = """{"items":[{"sku":"A","location":"dc-1","level":3,"asOf":"2026-11-30T09:00:00Z"}],"continuation":"p/2 &x"}""";
        _pages["p/2 &x"] = """{"items":[{"sku":"B","level":7,"asOf":"2026-11-30T09:00:00Z"}]}""";
        using var services = Services(new ChannelOptions { Secret = Secret, LevelsUrl = new Uri(_base, "/levels/web") });
        var source = services.GetRequiredService<IChannelLevelSource>();

        var first = (await source.PullAsync(new ChannelId("web"), null, Cancellation)).ShouldNotBeNull();
        var second = (await source.PullAsync(new ChannelId("web"), first.Continuation, Cancellation)).ShouldNotBeNull();

        first.Levels.ShouldBe([new ReportedLevel(new ChannelId("web"), new Sku("A"), new LocationId("dc-1"), 3, _asOf)]);
        first.Continuation.ShouldBe("p/2 &x");
        second.Levels.ShouldBe([new ReportedLevel(new ChannelId("web"), new Sku("B"), null, 7, _asOf)]);
        second.Continuation.ShouldBeNull();
        var requests = _requests.ToList();
        requests.Select(r => r.PathAndQuery).ShouldBe(["/levels/web", "/levels/web?continuation=p%2F2%20%26x"]);
        foreach (var (target, signature) in requests)
        {
            signature.ShouldBe("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(target))));
        }
    }

    [Fact]
    public async Task Pull_ChannelSkusAndUnits_MappedAsItsWebhookEventsAre()
    {
        _pages[""] = """{"items":[{"sku":"CASE-A","location":"WH1","level":2,"asOf":"2026-11-30T09:00:00Z"}]}""";
        var channel = new ChannelOptions { Secret = Secret, LevelsUrl = new Uri(_base, "/levels/web") };
        channel.SkuMap["CASE-A"] = new SkuMapOptions { Sku = "A", UnitFactor = 12 };
        channel.LocationMap["WH1"] = "dc-1";
        using var services = Services(channel);

        var page = (await services.GetRequiredService<IChannelLevelSource>().PullAsync(new ChannelId("web"), null, Cancellation)).ShouldNotBeNull();

        page.Levels.ShouldBe([new ReportedLevel(new ChannelId("web"), new Sku("A"), new LocationId("dc-1"), 24, _asOf)]);
    }

    [Fact]
    public async Task Pull_UnreadableItems_LeftOutAndTheRestKept()
    {
        _pages[""] = """
            {"items":[{"sku":"A","level":-1,"asOf":"2026-11-30T09:00:00Z"},{"sku":"B","level":"7","asOf":"2026-11-30T09:00:00Z"},
                      {"sku":"C","level":1},{"sku":"a/b","level":1,"asOf":"2026-11-30T09:00:00Z"},null,
                      {"sku":"D","level":4,"asOf":"2026-11-30T09:00:00Z"}]}
            """;
        using var services = Services(new ChannelOptions { Secret = Secret, LevelsUrl = new Uri(_base, "/levels/web") });

        var page = (await services.GetRequiredService<IChannelLevelSource>().PullAsync(new ChannelId("web"), null, Cancellation)).ShouldNotBeNull();

        page.Levels.ShouldBe([new ReportedLevel(new ChannelId("web"), new Sku("D"), null, 4, _asOf)]);
    }

    [Fact]
    public async Task Pull_ChannelWithoutLevelsUrl_IsNotAskedAndAnswersNull()
    {
        using var services = Services(new ChannelOptions { Secret = Secret });

        var page = await services.GetRequiredService<IChannelLevelSource>().PullAsync(new ChannelId("web"), null, Cancellation);

        page.ShouldBeNull();
        _requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task Pull_ChannelAnswers404_Throws()
    {
        using var services = Services(new ChannelOptions { Secret = Secret, LevelsUrl = new Uri(_base, "/levels/web") });

        await Should.ThrowAsync<HttpRequestException>(() => services.GetRequiredService<IChannelLevelSource>().PullAsync(new ChannelId("web"), "gone", Cancellation));
    }

    private static ServiceProvider Services(ChannelOptions web)
    {
        var catalog = new CatalogOptions();
        catalog.Channels["web"] = web;
        return PushHarness.BuildServices(PushHarness.FastSettings, new FixedCatalogSource(catalog.ToCatalog()))
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
