using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ServerlessInventory.Adapters.Channels.Tests.Support;

/// <summary>What the receiver does with one attempt.</summary>
public abstract record Reply
{
    public static Reply Ok { get; } = new StatusReply(StatusCodes.Status200OK);

    public static Reply Unavailable { get; } = new StatusReply(StatusCodes.Status503ServiceUnavailable);

    /// <summary>Holds the request open until the client gives up (or the receiver stops; at most <see cref="ChannelReceiver.MaxHang"/>).</summary>
    public static Reply Hang { get; } = new HangReply();

    public static Reply Status(int code) => new StatusReply(code);

    public sealed record StatusReply(int Code) : Reply;

    public sealed record HangReply : Reply;

    /// <summary>A status (429, 503) asking the client to wait <paramref name="Seconds"/> before trying again.</summary>
    public sealed record RetryAfterReply(int Code, int Seconds) : Reply;
}

/// <summary>One request as the receiver saw it.</summary>
public sealed record ReceivedPush(string Channel, int Attempt, string Method, string Path, string? ContentType, string? Signature, byte[] Body, DateTimeOffset At)
{
    public string BodyText => System.Text.Encoding.UTF8.GetString(Body);
}

/// <summary>
/// A real HTTP endpoint on loopback standing for the channels' push URLs: <c>POST /push/{channel}</c>. Each test
/// scripts, per channel, the reply to its n-th attempt (1-based); unscripted channels get 200. Every request is
/// recorded, with its body and headers, before it is answered.
/// </summary>
public sealed class ChannelReceiver : IAsyncDisposable
{
    /// <summary>Upper bound on a hanging reply, so that nothing waits forever even if the client's abort is missed.</summary>
    public static readonly TimeSpan MaxHang = TimeSpan.FromSeconds(30);

    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<string, Func<int, Reply>> _scripts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ReceivedPush> _received = new();

    private ChannelReceiver(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; private set; }

    /// <summary>Every request so far, in arrival order.</summary>
    public IReadOnlyList<ReceivedPush> Received => [.. _received];

    public static async Task<ChannelReceiver> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new ChannelReceiver(app, new Uri("http://127.0.0.1/"));
        app.MapPost("/push/{channel}", (string channel, HttpContext context) => receiver.HandleAsync(channel, context));
        await app.StartAsync(cancellationToken);
        // Kestrel reports the port it was given for port 0.
        receiver.BaseAddress = new Uri(app.Urls.Single());
        return receiver;
    }

    /// <summary>The push URL of <paramref name="channel"/> on this receiver.</summary>
    public Uri UrlFor(string channel) => new(BaseAddress, $"/push/{channel}");

    /// <summary>Replies to the n-th attempt (1-based) at <paramref name="channel"/> with <paramref name="reply"/>(n).</summary>
    public void Script(string channel, Func<int, Reply> reply) => _scripts[channel] = reply;

    public void AlwaysSucceed(string channel) => Script(channel, _ => Reply.Ok);

    public void AlwaysFail(string channel) => Script(channel, _ => Reply.Unavailable);

    /// <summary>The first <paramref name="failures"/> attempts get 503, later ones 200.</summary>
    public void FailThenSucceed(string channel, int failures) => Script(channel, n => n <= failures ? Reply.Unavailable : Reply.Ok);

    /// <summary>The first <paramref name="hangs"/> attempts hang, later ones get 200.</summary>
    public void HangThenSucceed(string channel, int hangs) => Script(channel, n => n <= hangs ? Reply.Hang : Reply.Ok);

    public IReadOnlyList<ReceivedPush> ReceivedBy(string channel) => [.. _received.Where(r => r.Channel == channel)];

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private async Task<IResult> HandleAsync(string channel, HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var attempt = _attempts.AddOrUpdate(channel, 1, (_, n) => n + 1);
        _received.Enqueue(new ReceivedPush(
            channel,
            attempt,
            context.Request.Method,
            context.Request.Path.Value ?? "",
            context.Request.ContentType,
            context.Request.Headers.TryGetValue("X-Signature", out var signature) ? signature.ToString() : null,
            body.ToArray(),
            DateTimeOffset.UtcNow));

        var reply = _scripts.TryGetValue(channel, out var script) ? script(attempt) : Reply.Ok;
        switch (reply)
        {
            case Reply.HangReply:
                using (var hang = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token))
                {
                    try
                    {
                        await Task.Delay(MaxHang, hang.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        // The client gave up (its attempt timed out) or the receiver is stopping.
                    }
                }
                return Results.StatusCode(StatusCodes.Status504GatewayTimeout);
            case Reply.StatusReply status:
                return Results.StatusCode(status.Code);
            case Reply.RetryAfterReply asked:
                context.Response.Headers.RetryAfter = asked.Seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Results.StatusCode(asked.Code);
            default:
                throw new InvalidOperationException($"Unknown reply {reply}");
        }
    }
}
