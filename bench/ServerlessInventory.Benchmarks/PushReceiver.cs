using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ServerlessInventory.Benchmarks;

/// <summary>A channel's push endpoint on loopback: records when the first push of each SKU arrived and the versions seen.</summary>
internal sealed class PushReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, long> _firstArrival = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Channel, string Sku), long> _lastVersion = new();
    private long _pushes;
    private long _backwards;

    private PushReceiver(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";

    public long Pushes => Interlocked.Read(ref _pushes);

    /// <summary>Pushes whose version was not above the last one seen for their channel and SKU: must stay zero.</summary>
    public long Backwards => Interlocked.Read(ref _backwards);

    public static async Task<PushReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var receiver = new PushReceiver(builder.Build());
        receiver._app.MapPost("/push", receiver.ReceiveAsync);
        await receiver._app.StartAsync();
        var address = receiver._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = address + "/push";
        return receiver;
    }

    /// <summary>Stopwatch timestamp of the first push received for <paramref name="sku"/>, if any.</summary>
    public bool TryGetFirstArrival(string sku, out long timestamp) => _firstArrival.TryGetValue(sku, out timestamp);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task ReceiveAsync(HttpContext context)
    {
        var arrived = Stopwatch.GetTimestamp();
        using var body = await JsonDocument.ParseAsync(context.Request.Body);
        var channel = body.RootElement.GetProperty("channel").GetString()!;
        var sku = body.RootElement.GetProperty("sku").GetString()!;
        var version = body.RootElement.GetProperty("version").GetInt64();
        _firstArrival.TryAdd(sku, arrived);
        Interlocked.Increment(ref _pushes);
        var previous = _lastVersion.GetValueOrDefault((channel, sku));
        if (version <= previous)
        {
            Interlocked.Increment(ref _backwards);
        }
        _lastVersion[(channel, sku)] = Math.Max(previous, version);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }
}
