using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ServerlessInventory.LocalRunner.Tests.Support;

/// <summary>
/// One push as it arrived, in arrival order (<see cref="Sequence"/>), with the status it was answered and when it
/// arrived on the receiver's clock (<see cref="PushReceiver.Elapsed"/>).
/// </summary>
public sealed record ReceivedPush(long Sequence, string PathChannel, string Channel, string Sku, int Available, long Version, bool SignatureValid, int Status, TimeSpan At)
{
    public bool Accepted => Status == StatusCodes.Status200OK;
}

/// <summary>
/// A channel's push endpoint, for real: a minimal Kestrel app on 127.0.0.1 and a port of its own that records every
/// push body <c>{"channel","sku","available","version"}</c> posted to <c>/push/{channel}</c>, checks its
/// <c>X-Signature</c> with that channel's secret (a bad one is counted and answered 401), and answers 200, or 503
/// while the test has taken that channel <see cref="Down"/>.
/// </summary>
public sealed class PushReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<ReceivedPush> _pushes = [];
    private readonly Lock _gate = new();
    private readonly string _contentRoot;
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private readonly HashSet<string> _down = new(StringComparer.Ordinal);
    private long _sequence;
    private int _badSignatures;
    private int _malformed;

    private PushReceiver(WebApplication app, string contentRoot)
    {
        _app = app;
        _contentRoot = contentRoot;
    }

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public int BadSignatures => Volatile.Read(ref _badSignatures);

    public int Malformed => Volatile.Read(ref _malformed);

    /// <summary>A snapshot of every push received so far, in arrival order.</summary>
    public IReadOnlyList<ReceivedPush> Pushes
    {
        get
        {
            lock (_gate)
            {
                return [.. _pushes];
            }
        }
    }

    /// <summary>The receiver's clock, which <see cref="ReceivedPush.At"/> is read from.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>From now on the channel's pushes are recorded and answered 503, as by a channel that is down.</summary>
    public void Down(string channel)
    {
        lock (_gate)
        {
            _down.Add(channel);
        }
    }

    /// <summary>From now on the channel's pushes are answered 200 again; returns that moment on the receiver's clock.</summary>
    public TimeSpan Up(string channel)
    {
        lock (_gate)
        {
            _down.Remove(channel);
            return _clock.Elapsed;
        }
    }

    public Uri UrlFor(string channel) => new(BaseAddress, $"push/{channel}");

    public static async Task<PushReceiver> StartAsync(CancellationToken cancellationToken)
    {
        // An empty content root of its own: the runner's appsettings.json sits next to the tests and must not configure this app.
        var contentRoot = Directory.CreateTempSubdirectory("si-e2e-push-").FullName;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = contentRoot, Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new PushReceiver(app, contentRoot);
        app.MapPost("/push/{channel}", (HttpContext context, string channel) => receiver.ReceiveAsync(context, channel));
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(_contentRoot, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: an empty folder in the temp directory.
        }
    }

    private async Task<IResult> ReceiveAsync(HttpContext context, string channel)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        var signed = Webhooks.Verify(Secrets.For(channel), body, context.Request.Headers[Webhooks.SignatureHeader].FirstOrDefault());
        PushBody? push;
        try
        {
            push = JsonSerializer.Deserialize<PushBody>(body, RunnerApi.Json);
        }
        catch (JsonException)
        {
            push = null;
        }
        if (push is null || push.Channel is null || push.Sku is null)
        {
            Interlocked.Increment(ref _malformed);
            return Results.BadRequest();
        }
        int status;
        lock (_gate)
        {
            status = !signed ? StatusCodes.Status401Unauthorized
                : _down.Contains(channel) ? StatusCodes.Status503ServiceUnavailable
                : StatusCodes.Status200OK;
            _pushes.Add(new ReceivedPush(++_sequence, channel, push.Channel, push.Sku, push.Available, push.Version, signed, status, _clock.Elapsed));
        }
        if (!signed)
        {
            Interlocked.Increment(ref _badSignatures);
        }
        return Results.StatusCode(status);
    }

    private sealed record PushBody(string? Channel, string? Sku, int Available, long Version);
}
