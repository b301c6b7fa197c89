using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(ServerlessInventory.OpsConsole.Tests.Support.Chromium))]

namespace ServerlessInventory.OpsConsole.Tests.Support;

/// <summary>
/// Debian's chromium driven by Playwright, one browser for the whole run. The browser is the system's
/// (<see cref="ExecutablePath"/>): nothing is downloaded, and a machine without it fails every test saying what to install.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    /// <summary>Where Debian's package puts it; <c>CHROMIUM_PATH</c> overrides it.</summary>
    public static string ExecutablePath { get; } = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("chromium is not started");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"chromium is not installed at {ExecutablePath}: install Debian's package (`apt-get install -y chromium`, as .ci/run does) "
                + "or set CHROMIUM_PATH. The browser tests never download a browser and never skip.");
        }
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ExecutablePath, Headless = true });
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
    }
}
