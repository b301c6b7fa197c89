using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServerlessInventory.Adapters.Sqlite;
using ServerlessInventory.LocalRunner.Hosting;
using ServerlessInventory.LocalRunner.Http;

namespace ServerlessInventory.Benchmarks;

/// <summary>
/// The local runner as <c>dotnet run</c> starts it (same registration, same endpoints), on a free loopback port and a
/// fresh database, with every selling channel pushing to <see cref="PushReceiver"/>. In-process so the bench can read
/// the topic's backlog; the HTTP traffic is real.
/// </summary>
internal sealed class PipelineHost : IAsyncDisposable
{
    public const string Secret = "bench-secret";

    public static readonly string[] Channels = ["pos", "web", "wholesale"];

    private readonly WebApplication _app;

    private PipelineHost(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public SqliteEventTopic Topic => _app.Services.GetRequiredService<SqliteEventTopic>();

    public SqliteDatabase Database => _app.Services.GetRequiredService<SqliteDatabase>();

    public T Get<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    /// <param name="overrides">Settings laid over the bench's own (an option of the suite under comparison).</param>
    public static async Task<PipelineHost> StartAsync(string databasePath, string pushUrl, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(Settings(databasePath, pushUrl));
        builder.Configuration.AddInMemoryCollection(overrides ?? new Dictionary<string, string?>());
        builder.Services.AddLocalPipeline(builder.Configuration);
        var app = builder.Build();
        app.MapFunctionEndpoints();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new PipelineHost(app, address);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }

    private static Dictionary<string, string?> Settings(string databasePath, string pushUrl)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Sqlite:DatabasePath"] = databasePath,
            ["ExpireReservationsSchedule"] = "0 */1 * * * *",
            ["RetryPushesSchedule"] = "30 */1 * * * *",
            ["ReconcileChannelsSchedule"] = "0 0 * * * *",
            ["SampleHealthSchedule"] = "*/10 * * * * *",
            ["Webhooks:MaxBodyBytes"] = (4 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var channel in Channels)
        {
            settings[$"Catalog:Channels:{channel}:Locations:0"] = "store-1";
            settings[$"Catalog:Channels:{channel}:Secret"] = Secret;
            settings[$"Catalog:Channels:{channel}:PushUrl"] = pushUrl;
        }
        return settings;
    }
}
