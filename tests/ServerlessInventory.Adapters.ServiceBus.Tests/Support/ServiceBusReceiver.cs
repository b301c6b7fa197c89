using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ServerlessInventory.Core.Serialization;

namespace ServerlessInventory.Adapters.ServiceBus.Tests.Support;

/// <summary>How the receiver answers one attempt.</summary>
public sealed record Reply(int Status, string? RetryAfter = null, string Body = "")
{
    public static Reply Created { get; } = new(StatusCodes.Status201Created);
}

/// <summary>One message of a received batch.</summary>
public sealed record ReceivedMessage(string Body, string MessageId, string SessionId);

/// <summary>One request as the receiver saw it, with what was wrong with its shape (none if it was right).</summary>
public sealed record ReceivedBatch(int Attempt, string Topic, string? Authorization, int BodyBytes, IReadOnlyList<ReceivedMessage> Messages, IReadOnlyList<string> Problems, DateTimeOffset At);

/// <summary>
/// A real HTTP endpoint on loopback standing for a Service Bus namespace: <c>POST /{topic}/messages</c>. It checks the
/// documented batch shape (method, content type, Authorization present, a JSON array of {Body: string parsing to a
/// canonical event, BrokerProperties: {MessageId = the event's key (source and id), SessionId = SKU}}); a wrong request gets 400 with the
/// problems. A right one gets the scripted reply for its n-th attempt (1-based), 201 when unscripted.
/// </summary>
public sealed class ServiceBusReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedBatch> _received = new();
    private Func<int, Reply> _script = _ => Reply.Created;
    private int _attempts;

    private ServiceBusReceiver(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public IReadOnlyList<ReceivedBatch> Received => [.. _received];

    public static async Task<ServiceBusReceiver> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new ServiceBusReceiver(app);
        app.MapMethods("/{topic}/messages", ["GET", "POST", "PUT"], (string topic, HttpContext context) => receiver.HandleAsync(topic, context));
        await app.StartAsync(cancellationToken);
        receiver.BaseAddress = new Uri(app.Urls.Single());
        return receiver;
    }

    public void Script(Func<int, Reply> reply) => _script = reply;

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(string topic, HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var problems = new List<string>();
        if (context.Request.Method != "POST")
        {
            problems.Add($"method {context.Request.Method}");
        }
        if (context.Request.ContentType != "application/vnd.microsoft.servicebus.json")
        {
            problems.Add($"content type {context.Request.ContentType}");
        }
        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.Length == 0)
        {
            problems.Add("no Authorization");
        }
        var messages = ReadMessages(buffer.ToArray(), problems);
        var attempt = Interlocked.Increment(ref _attempts);
        _received.Enqueue(new ReceivedBatch(attempt, topic, authorization, (int)buffer.Length, messages, problems, DateTimeOffset.UtcNow));

        var reply = problems.Count > 0 ? new Reply(StatusCodes.Status400BadRequest, Body: string.Join("; ", problems)) : _script(attempt);
        context.Response.StatusCode = reply.Status;
        if (reply.RetryAfter is not null)
        {
            context.Response.Headers.RetryAfter = reply.RetryAfter;
        }
        if (reply.Body.Length > 0)
        {
            await context.Response.WriteAsync(reply.Body, context.RequestAborted);
        }
    }

    private static List<ReceivedMessage> ReadMessages(byte[] body, List<string> problems)
    {
        var messages = new List<ReceivedMessage>();
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                problems.Add("body is not a JSON array");
                return messages;
            }
            foreach (var item in document.RootElement.EnumerateArray())
            {
                if (!item.TryGetProperty("Body", out var text) || text.ValueKind != JsonValueKind.String
                    || !item.TryGetProperty("BrokerProperties", out var properties) || properties.ValueKind != JsonValueKind.Object
                    || !properties.TryGetProperty("MessageId", out var messageId) || !properties.TryGetProperty("SessionId", out var sessionId))
                {
                    problems.Add("an item lacks Body (string) or BrokerProperties.MessageId/SessionId");
                    continue;
                }
                var parsed = InventoryEventJson.Parse(text.GetString()!);
                if (parsed.Event is not { } evt)
                {
                    problems.Add("Body is not a canonical event");
                    continue;
                }
                if (evt.Key.Value != messageId.GetString() || evt.Sku.Value != sessionId.GetString())
                {
                    problems.Add($"MessageId/SessionId do not match event {evt.Id}");
                }
                messages.Add(new ReceivedMessage(text.GetString()!, messageId.GetString()!, sessionId.GetString()!));
            }
        }
        catch (JsonException)
        {
            problems.Add("body is not JSON");
        }
        return messages;
    }
}
