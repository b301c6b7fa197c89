using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using ServerlessInventory.LocalRunner.Tests.Support;
using ServerlessInventory.OpsConsole.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace ServerlessInventory.OpsConsole.Tests;

/// <summary>
/// The Health view against the runner's own <c>GET /api/ops/health</c> and <c>/history</c>: what the pipeline did
/// (webhooks accepted, duplicated and parked; a channel's push failing while it is down) is what the page shows, as the
/// API answers it. Its own runner (<see cref="HealthRunnerFixture"/>), so every count is this test's own; the fixture
/// tests in <see cref="OpsConsoleTests"/> stay for the shapes a live runner cannot be made to answer on demand.
/// </summary>
public sealed class HealthConsoleTests(Chromium chromium, HealthRunnerFixture fixture) : IClassFixture<HealthRunnerFixture>
{
    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(90);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Health_ChannelDownThenBack_ShowsWhatTheRunnerReportsAndTheOwedPushClearsOnItsOwnRefresh()
    {
        var receiver = fixture.Receiver!;
        var sku = Unique.Sku("UI-HEALTH");
        receiver.Down("web");
        var batch = new[]
        {
            CloudEvents.Received(Unique.Id("recv"), "pos", sku, "store-1", 10),
            CloudEvents.Sale(Unique.Id("sale"), "pos", sku, "store-1", 2),
            CloudEvents.Sale(Unique.Id("bad"), "pos", sku, "store-1", 0),
        };
        var first = await fixture.Api.SendEventsAsync("pos", batch, Ct);
        var again = await fixture.Api.SendEventsAsync("pos", batch, Ct);
        first.Accepted.Count.ShouldBe(2);
        again.Duplicates.Count.ShouldBe(2);
        await fixture.Runner.WaitForAppliedAsync(sku, [.. first.Accepted], Ct);
        await Eventually.UntilAsync(
            "web failed and owes the SKU's push",
            HealthAsync,
            h => Web(h).GetProperty("pushesOwed").GetInt32() >= 1 && Web(h).GetProperty("lastFailed").ValueKind == JsonValueKind.Object,
            Ct,
            diagnostics: () => "runner output:\n" + fixture.Runner.Output);
        var healthCalls = 0;
        var failedResponses = new List<string>();
        await using var console = await ConsolePage.OpenAsync(chromium, fixture.Runner, nameof(Health_ChannelDownThenBack_ShowsWhatTheRunnerReportsAndTheOwedPushClearsOnItsOwnRefresh), beforeLoad: page =>
        {
            page.Request += (_, request) =>
            {
                if (request.Url.EndsWith("/api/ops/health", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref healthCalls);
                }
            };
            page.Response += (_, response) =>
            {
                if (response.Status >= 400)
                {
                    lock (failedResponses)
                    {
                        failedResponses.Add($"{response.Status} {response.Url}");
                    }
                }
            };
            return Task.CompletedTask;
        });

        try
        {
            await console.ShowAsync("Health");

            // The page refreshes every 5 s and the circuit may move between reads, so the page is read until it agrees with one answer of the API.
            var agreed = await Eventually.UntilAsync(
                "the Health view shows what GET /api/ops/health answers",
                async ct => (Api: Figures(await HealthAsync(ct)), Page: await ShownAsync(console)),
                seen => seen.Api == seen.Page,
                Ct,
                diagnostics: () => "runner output:\n" + fixture.Runner.Output);
            agreed.Page.WebOwed.ShouldNotBe("0");
            agreed.Page.WebLastFailed.ShouldContain(sku);
            agreed.Page.Webhooks.ShouldContain("2 accepted, 2 duplicate, 2 parked");
            agreed.Page.Parked.ShouldBe((await fixture.Api.ListParkedAsync(Ct)).Count.ToString(CultureInfo.InvariantCulture));
            await Expect(console.Page.Locator("#health-cards")).ToContainTextAsync("local topic (SQLite)");
            await Expect(console.Page.Locator("#health-charts polyline")).ToHaveCountAsync(3);
            // The runner samples itself every second here; a few samples make the charts (and the README's picture) a line.
            await Eventually.UntilAsync(
                "the charts draw at least 5 samples",
                async _ => await console.Page.Locator("#health-charts svg").First.GetAttributeAsync("aria-label") ?? "",
                label => SampleCount(label) >= 5,
                Ct);
            await Expect(console.Page.Locator("#health-body")).Not.ToContainTextAsync("null");
            await Expect(console.Page.Locator("#health-body")).Not.ToContainTextAsync("NaN");
            await console.Page.ScreenshotAsync(new() { Path = Path.Combine(ConsolePage.ScreenshotFolder, "view-health.png"), FullPage = true });
        }
        finally
        {
            receiver.Up("web");
        }

        var callsBeforeRecovery = Volatile.Read(ref healthCalls);
        await Expect(OwedCell(console, "web")).ToHaveTextAsync("0", new() { Timeout = (float)RecoveryTimeout.TotalMilliseconds });
        Volatile.Read(ref healthCalls).ShouldBeGreaterThan(callsBeforeRecovery, "the view refreshed itself; nothing here asked it to");
        var recovered = await HealthAsync(Ct);
        Web(recovered).GetProperty("pushesOwed").GetInt32().ShouldBe(0);
        Web(recovered).GetProperty("lastAcknowledged").GetProperty("sku").GetString().ShouldBe(sku);
        failedResponses.ShouldBeEmpty("every call the page made was answered");
        console.ConsoleErrors.ShouldBeEmpty();
    }

    private async Task<JsonElement> HealthAsync(CancellationToken cancellationToken) =>
        await fixture.Api.GetJsonAsync<JsonElement>("api/ops/health", cancellationToken);

    private static JsonElement Web(JsonElement health) =>
        health.GetProperty("channels").EnumerateArray().Single(c => c.GetProperty("channel").GetString() == "web");

    /// <summary>The figures under test as the page writes them, computed from the API's answer.</summary>
    private static HealthFigures Figures(JsonElement health)
    {
        var web = Web(health);
        var failed = web.GetProperty("lastFailed");
        var last5 = health.GetProperty("webhooks").GetProperty("last5Minutes");
        return new HealthFigures(
            web.GetProperty("pushesOwed").GetInt32().ToString(CultureInfo.InvariantCulture),
            web.GetProperty("circuit").GetString()!,
            failed.ValueKind == JsonValueKind.Object ? $"{failed.GetProperty("sku").GetString()} v{failed.GetProperty("version").GetInt64()}: {failed.GetProperty("reason").GetString()}" : "–",
            $"{last5.GetProperty("accepted").GetInt64()} accepted, {last5.GetProperty("duplicate").GetInt64()} duplicate, {last5.GetProperty("parked").GetInt64()} parked",
            health.GetProperty("parked").GetProperty("count").GetInt64().ToString(CultureInfo.InvariantCulture));
    }

    private static async Task<HealthFigures> ShownAsync(ConsolePage console)
    {
        var failed = await console.CellAsync("health-channels", "data-channel", "web", "Last failed");
        return new HealthFigures(
            await console.CellAsync("health-channels", "data-channel", "web", "Pushes owed"),
            await console.CellAsync("health-channels", "data-channel", "web", "Circuit"),
            WithoutTime(failed),
            await CardLineAsync(console, "Webhooks, 5 min", 0),
            await console.Page.Locator("#health-cards .card", new() { Has = console.Page.GetByRole(AriaRole.Heading, new() { Name = "Parked", Exact = true }) }).Locator(".figure").InnerTextAsync());
    }

    /// <summary>The page writes "SKU vN TIME: reason"; the time is when the push failed, which the comparison leaves out.</summary>
    private static string WithoutTime(string cell) =>
        System.Text.RegularExpressions.Regex.Replace(cell, @" \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z", string.Empty);

    private static Task<string> CardLineAsync(ConsolePage console, string title, int line) =>
        console.Page.Locator("#health-cards .card", new() { Has = console.Page.GetByRole(AriaRole.Heading, new() { Name = title, Exact = true }) }).Locator("p").Nth(line).InnerTextAsync();

    /// <summary>A chart's label reads "TITLE: N samples, last …".</summary>
    private static int SampleCount(string label) =>
        System.Text.RegularExpressions.Regex.Match(label, @": (\d+) samples") is { Success: true } match ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;

    private static ILocator OwedCell(ConsolePage console, string channel) =>
        console.Page.Locator($"#health-channels tbody tr[data-channel=\"{channel}\"] td").First;

    private sealed record HealthFigures(string WebOwed, string Circuit, string WebLastFailed, string Webhooks, string Parked);
}
