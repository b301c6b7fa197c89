using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Azure.Functions.Worker;
using ServerlessInventory.LocalRunner.Hosting;
using ServerlessInventory.LocalRunner.Http;
using ServerlessInventory.LocalRunner.Tests.Support;

namespace ServerlessInventory.LocalRunner.Tests;

/// <summary>
/// A runner with <c>LocalRunner:OpsKey</c>: every route whose function is not Anonymous answers 401 problem+json
/// without the key or with a wrong one and runs nothing; with it the routes work; webhooks stay open to their
/// signature; the key is never printed.
/// </summary>
public sealed partial class AuthorizationTests(OpsKeyRunnerFixture fixture) : IClassFixture<OpsKeyRunnerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] WrongKeys = ["not-the-ops-key", OpsKeyRunnerFixture.OpsKey[..^1] + "X", OpsKeyRunnerFixture.OpsKey + "0"];

    /// <summary>Every (method, path) of a function that declares a level other than Anonymous, route values filled in.</summary>
    private static IEnumerable<(string Function, HttpMethod Method, string Path)> KeyedRoutes() =>
        FunctionCatalog.WithTrigger<HttpTriggerAttribute>()
            .Where(f => f.Trigger.AuthLevel != AuthorizationLevel.Anonymous)
            .SelectMany(f => (f.Trigger.Methods ?? ["get", "post"]).Select(method => (
                f.Entry.Name,
                new HttpMethod(method.ToUpperInvariant()),
                RouteValue().Replace(FunctionEndpoints.PatternOf(f.Entry, f.Trigger), "probe").TrimStart('/'))));

    [Fact]
    public async Task KeyedRoutes_WithoutTheKeyOrWithAWrongOne_Answer401ProblemJson()
    {
        var routes = KeyedRoutes().ToList();
        routes.Count.ShouldBeGreaterThan(10, "reservations, queries and ops are all keyed");
        using var keyless = new HttpClient { BaseAddress = fixture.Runner.BaseAddress };

        foreach (var (function, method, path) in routes)
        {
            foreach (var key in (string?[])[null, .. WrongKeys])
            {
                using var request = new HttpRequestMessage(method, path);
                if (key is not null)
                {
                    request.Headers.Add(FunctionKeys.HeaderName, key);
                }
                using var response = await keyless.SendAsync(request, Ct);
                var body = await response.Content.ReadAsStringAsync(Ct);
                response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, $"{function}: {method} /{path} with key '{key}' answered {body}");
                response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
                using var problem = JsonDocument.Parse(body);
                problem.RootElement.GetProperty("status").GetInt32().ShouldBe(401);
                (problem.RootElement.GetProperty("detail").GetString() ?? "").ShouldContain(FunctionKeys.HeaderName);
            }
        }
        fixture.Runner.Output.ShouldNotContain(OpsKeyRunnerFixture.OpsKey, customMessage: "the key is a secret: never printed");
        foreach (var wrong in WrongKeys)
        {
            fixture.Runner.Output.ShouldNotContain(wrong, customMessage: "a presented key is never printed either");
        }
    }

    [Fact]
    public async Task Reservation_WithoutTheKey_IsRefusedAndReservesNothingWhileTheKeyedOneIsGranted()
    {
        var sku = Unique.Sku("keyed-reserve");
        using var keyless = new HttpClient { BaseAddress = fixture.Runner.BaseAddress };
        var channel = new RunnerApi(keyless);
        var received = CloudEvents.Received(Unique.Id("rcv"), "pos", sku, "store-1", 5);

        // The webhook needs no key: its signature authenticates it.
        (await channel.SendEventAsync("pos", received, Ct)).Accepted.ShouldBe([received["id"]!.GetValue<string>()]);
        await fixture.Runner.WaitForAppliedAsync(sku, received["id"]!.GetValue<string>(), Ct);

        using (var refused = await channel.ReserveRawAsync(new ReserveRequest(sku, 2, "pos"), Ct))
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }
        (await fixture.Api.GetInventoryAsync(sku, Ct)).At("store-1").Reserved.ShouldBe(0, "a refused request runs nothing");

        using (var granted = await fixture.Api.ReserveRawAsync(new ReserveRequest(sku, 2, "pos"), Ct))
        {
            granted.StatusCode.ShouldBe(HttpStatusCode.Created, await granted.Content.ReadAsStringAsync(Ct));
        }
        (await fixture.Api.GetInventoryAsync(sku, Ct)).At("store-1").Reserved.ShouldBe(2);
        (await fixture.Api.GetAvailableAsync("pos", sku, Ct)).ShouldBe(3);
        (await fixture.Api.ListParkedAsync(Ct)).ShouldNotBeNull("ops routes answer 200 with the key");
    }

    [Fact]
    public async Task OpenApi_OfTheRunner_DeclaresTheFunctionKeyOnEveryKeyedOperationAndNoOther()
    {
        using var keyless = new HttpClient { BaseAddress = fixture.Runner.BaseAddress };
        using var document = JsonDocument.Parse(await keyless.GetStringAsync(new Uri("openapi/v1.json", UriKind.Relative), Ct));

        var scheme = document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty(FunctionKeyOpenApi.SchemeName);
        scheme.GetProperty("type").GetString().ShouldBe("apiKey");
        scheme.GetProperty("in").GetString().ShouldBe("header");
        scheme.GetProperty("name").GetString().ShouldBe(FunctionKeys.HeaderName);

        var keyed = FunctionCatalog.WithTrigger<HttpTriggerAttribute>()
            .SelectMany(f => (f.Trigger.Methods ?? ["get", "post"]).Select(m => (Path: OpenApiPaths.Of(FunctionEndpoints.PatternOf(f.Entry, f.Trigger)), Method: m.ToLowerInvariant(), Keyed: f.Trigger.AuthLevel != AuthorizationLevel.Anonymous)))
            .ToList();
        keyed.ShouldContain(k => !k.Keyed, "the webhook is in the document without a key");
        foreach (var (path, method, requiresKey) in keyed)
        {
            var operation = document.RootElement.GetProperty("paths").GetProperty(path).GetProperty(method);
            var schemes = operation.TryGetProperty("security", out var security)
                ? security.EnumerateArray().SelectMany(r => r.EnumerateObject().Select(p => p.Name)).ToList()
                : [];
            if (requiresKey)
            {
                schemes.ShouldContain(FunctionKeyOpenApi.SchemeName, $"{method} {path} needs the key");
                operation.GetProperty("responses").TryGetProperty("401", out _).ShouldBeTrue($"{method} {path} documents its 401");
            }
            else
            {
                schemes.ShouldBeEmpty($"{method} {path} is Anonymous");
            }
        }
    }

    [Fact]
    public async Task Runner_ListeningBeyondLoopbackWithoutAKey_RefusesToStartNamingTheSetting()
    {
        var settings = RunnerSettings.Defaults();
        // Kestrel's endpoints replace the loopback Urls the fixture passes; this one would reach every interface.
        settings["Kestrel:Endpoints:Lan:Url"] = "http://0.0.0.0:0";
        var clock = Stopwatch.StartNew();

        var failure = await Should.ThrowAsync<Exception>(() => LocalRunnerProcess.StartAsync(settings, Ct));

        TestContext.Current.TestOutputHelper?.WriteLine(failure.Message);
        clock.Elapsed.ShouldBeLessThan(LocalRunnerProcess.StartTimeout);
        failure.Message.ShouldContain("exited with code");
        failure.Message.ShouldContain("LocalRunner:OpsKey");
        failure.Message.ShouldContain("http://0.0.0.0:0");
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteValue();
}
