using Microsoft.Playwright;
using ServerlessInventory.LocalRunner.Tests.Support;
using ServerlessInventory.OpsConsole.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace ServerlessInventory.OpsConsole.Tests;

/// <summary>The console of a runner started with <c>LocalRunner:OpsKey</c>: the page loads without it and asks for it on the first refused call.</summary>
public sealed class OpsKeyConsoleTests(Chromium chromium, OpsKeyRunnerFixture fixture) : IClassFixture<OpsKeyRunnerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Stock_RunnerNeedsAKey_AsksForItAndSendsItFromThenOnForThisTabOnly()
    {
        var sku = Unique.Sku("UI-KEYED");
        await fixture.Runner.SendAndWaitAsync("pos", sku, Ct, CloudEvents.Received(Unique.Id("recv"), "pos", sku, "store-1", 4));
        await using var console = await ConsolePage.OpenAsync(chromium, fixture.Runner, nameof(Stock_RunnerNeedsAKey_AsksForItAndSendsItFromThenOnForThisTabOnly));

        await console.FindAsync(sku);

        await Expect(console.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("failed (401)");
        var key = console.Page.GetByLabel("Ops key", new() { Exact = true });
        await Expect(key).ToBeVisibleAsync();
        await key.FillAsync(OpsKeyRunnerFixture.OpsKey);
        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Use key" }).ClickAsync();
        await Expect(key).ToBeHiddenAsync();
        await console.FindAsync(sku);
        await Expect(console.Page.Locator("#stock-title")).ToHaveTextAsync(sku);
        (await console.CellAsync("stock-locations", "data-location", "store-1", "On hand")).ShouldBe("4");
        (await console.Page.EvaluateAsync<int>("() => localStorage.length")).ShouldBe(0, "the key is never kept beyond the tab");
    }
}
