using Microsoft.Playwright;
using ServerlessInventory.LocalRunner.Tests.Support;

namespace ServerlessInventory.OpsConsole.Tests.Support;

/// <summary>
/// One browser tab on the console of a running runner, at a desktop size (1280×800) unless told otherwise, with the
/// console's views as an operator reaches them. Disposing saves a screenshot of the tab under the test output
/// (<c>screenshots/{name}.png</c>), pass or fail.
/// </summary>
public sealed class ConsolePage : IAsyncDisposable
{
    public static readonly string ScreenshotFolder = Path.Combine(AppContext.BaseDirectory, "screenshots");

    private readonly IBrowserContext _context;
    private readonly List<string> _consoleErrors = [];

    private ConsolePage(IBrowserContext context, IPage page, string name)
    {
        _context = context;
        Page = page;
        Name = name;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (_consoleErrors)
                {
                    _consoleErrors.Add(message.Text);
                }
            }
        };
    }

    public IPage Page { get; }

    public string Name { get; }

    /// <summary>What the browser reported as errors (a CSP violation, a script error), for assertions and failure messages.</summary>
    public IReadOnlyList<string> ConsoleErrors
    {
        get
        {
            lock (_consoleErrors)
            {
                return [.. _consoleErrors];
            }
        }
    }

    public static async Task<ConsolePage> OpenAsync(Chromium chromium, LocalRunnerProcess runner, string name, int width = 1280, int height = 800, Func<IPage, Task>? beforeLoad = null)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            BaseURL = runner.BaseAddress.ToString(),
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        var console = new ConsolePage(context, page, name);
        if (beforeLoad is not null)
        {
            await beforeLoad(page);
        }
        var response = await page.GotoAsync("/");
        response.ShouldNotBeNull().Status.ShouldBe(200);
        return console;
    }

    public Task ShowAsync(string view) => Page.GetByRole(AriaRole.Tab, new() { Name = view, Exact = true }).ClickAsync();

    /// <summary>Searches the Stock view for a SKU, as named by <paramref name="channel"/> when one is given.</summary>
    public async Task FindAsync(string sku, string? channel = null)
    {
        await ShowAsync("Stock");
        await Page.GetByLabel("SKU", new() { Exact = true }).FillAsync(sku);
        await Page.GetByLabel("as named by channel").FillAsync(channel ?? string.Empty);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Find", Exact = true }).ClickAsync();
    }

    /// <summary>The text of a table cell: the row whose <paramref name="rowAttribute"/> is <paramref name="rowKey"/>, the column under <paramref name="header"/>.</summary>
    public async Task<string> CellAsync(string tableId, string rowAttribute, string rowKey, string header)
    {
        var headers = await Page.Locator($"#{tableId} thead th").AllInnerTextsAsync();
        var column = headers.ToList().IndexOf(header);
        column.ShouldBeGreaterThanOrEqualTo(0, $"#{tableId} has no column '{header}' ({string.Join(", ", headers)})");
        var row = Page.Locator($"#{tableId} tbody tr[{rowAttribute}=\"{rowKey}\"]");
        return (await row.Locator("th, td").Nth(column).InnerTextAsync()).Trim();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            Directory.CreateDirectory(ScreenshotFolder);
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, Name + ".png"), FullPage = true });
        }
        finally
        {
            await _context.DisposeAsync();
        }
    }
}
