using System.Net.Http.Headers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using ServerlessInventory.Core.Events;
using ServerlessInventory.Core.Ports;
using ServerlessInventory.Core.Serialization;

namespace ServerlessInventory.Adapters.ServiceBus;

/// <summary>
/// Core's <see cref="IEventPublisher"/> over the Service Bus REST batch send
/// (<c>POST {namespace}/{topic}/messages</c>, <c>application/vnd.microsoft.servicebus.json</c>): each event becomes
/// <c>{"Body": canonical JSON, "BrokerProperties": {"MessageId": the event's key (source and id), "SessionId": SKU}}</c>, the body being
/// <see cref="InventoryEventJson"/> as the trigger function reads it. Events are split, in order, into batches whose
/// request body fits <see cref="ServiceBusPublisherOptions.MaxBatchBytes"/>. Each batch is retried on 429, 5xx,
/// timeouts and network errors (Retry-After when sent, else exponential backoff with jitter); 400, 401, 403 and 410
/// are final.
/// </summary>
public sealed partial class ServiceBusRestPublisher : IEventPublisher
{
    public const string HttpClientName = "service-bus";

    public const string BatchContentType = "application/vnd.microsoft.servicebus.json";

    private const int BodyExcerptLength = 512;

    private readonly IHttpClientFactory _httpClients;
    private readonly IServiceBusTokenSource _tokens;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<ServiceBusRestPublisher> _logger;
    private readonly ServiceBusPublisherOptions _options;
    private readonly Uri _sendUri;
    private readonly ResiliencePipeline _pipeline;

    public ServiceBusRestPublisher(
        IHttpClientFactory httpClients,
        IServiceBusTokenSource tokens,
        IOptions<ServiceBusPublisherOptions> options,
        TimeProvider timeProvider,
        ILogger<ServiceBusRestPublisher> logger)
    {
        _httpClients = httpClients;
        _tokens = tokens;
        _timeProvider = timeProvider;
        _logger = logger;
        _options = options.Value;
        _sendUri = new Uri(_options.ResolveTopicUri().AbsoluteUri + "/messages");
        _pipeline = BuildPipeline();
    }

    public async Task<PublishResult> PublishAsync(IReadOnlyList<InventoryEvent> events, CancellationToken cancellationToken)
    {
        // Every batch is cut before any is sent, so an event too large fails the publish before it starts.
        foreach (var batch in Split(events, _options.MaxBatchBytes))
        {
            await SendAsync(batch, cancellationToken).ConfigureAwait(false);
        }
        // Service Bus duplicate detection drops a repeated message id silently (the send still answers 201), so the
        // broker never tells us which events were duplicates; the ledger applies each id once regardless.
        return PublishResult.NoDuplicates;
    }

    /// <summary>
    /// The request bodies, in event order: JSON arrays of messages, each at most <paramref name="maxBatchBytes"/> bytes
    /// as sent (brackets and commas counted).
    /// </summary>
    public static IReadOnlyList<Batch> Split(IReadOnlyList<InventoryEvent> events, int maxBatchBytes)
    {
        var messages = events.Select(evt => (Event: evt, Bytes: SerializeMessage(evt))).ToList();
        foreach (var (evt, bytes) in messages)
        {
            if (bytes.Length + 2 > maxBatchBytes)
            {
                throw new ServiceBusMessageTooLargeException(evt.Id.Value, bytes.Length, maxBatchBytes);
            }
        }
        var batches = new List<Batch>();
        var current = new List<byte[]>();
        var size = 2; // "[" and "]"
        foreach (var (_, bytes) in messages)
        {
            var added = bytes.Length + (current.Count > 0 ? 1 : 0);
            if (current.Count > 0 && size + added > maxBatchBytes)
            {
                batches.Add(Batch.Of(current));
                current = [];
                size = 2;
                added = bytes.Length;
            }
            current.Add(bytes);
            size += added;
        }
        if (current.Count > 0)
        {
            batches.Add(Batch.Of(current));
        }
        return batches;
    }

    /// <summary>One message of the batch format: the body is the canonical event JSON as a string.</summary>
    private static byte[] SerializeMessage(InventoryEvent evt)
    {
        using var buffer = new MemoryStream();
        // Relaxed escaping writes a quote as \" rather than \u0022: the body is read as JSON, never embedded in HTML.
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("Body", InventoryEventJson.Serialize(evt));
            writer.WriteStartObject("BrokerProperties");
            writer.WriteString("MessageId", evt.Key.Value);
            writer.WriteString("SessionId", evt.Sku.Value);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private async Task SendAsync(Batch batch, CancellationToken cancellationToken)
    {
        await _pipeline.ExecuteAsync(async token =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, _sendUri) { Content = new ByteArrayContent(batch.Body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(BatchContentType);
            // A SAS token is not a valid header value to the strict parser ("SharedAccessSignature sr=…&sig=…").
            request.Headers.TryAddWithoutValidation("Authorization", await _tokens.GetAuthorizationAsync(token).ConfigureAwait(false));
            // A client per send from the factory: its handlers are pooled and rotated, which a captured client's are not.
            using var response = await _httpClients.CreateClient(HttpClientName).SendAsync(request, token).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                LogSent(_logger, batch.Count, batch.Body.Length, _options.TopicName);
                return;
            }
            var excerpt = await ReadExcerptAsync(response, token).ConfigureAwait(false);
            throw new ServiceBusPublishException(
                $"Service Bus send to topic '{_options.TopicName}' failed with {(int)response.StatusCode} {response.StatusCode}: {excerpt}",
                response.StatusCode,
                RetryAfter(response));
        }, cancellationToken).ConfigureAwait(false);
    }

    private ResiliencePipeline BuildPipeline()
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = _timeProvider };
        // MaxRetryAttempts 0 (allowed) means no retry; Polly's retry strategy itself needs at least one.
        if (_options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder()
                    .Handle<ServiceBusPublishException>(failure => failure.IsTransient)
                    .Handle<HttpRequestException>() // could not reach the broker
                    .Handle<TimeoutRejectedException>(),
                MaxRetryAttempts = _options.MaxRetryAttempts,
                Delay = _options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                // The broker's Retry-After when it sent one (capped); otherwise null, which keeps the backoff.
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Exception is ServiceBusPublishException { RetryAfter: { } wait }
                        ? (TimeSpan?)(wait < _options.MaxRetryAfter ? wait : _options.MaxRetryAfter)
                        : null),
                OnRetry = args =>
                {
                    LogRetry(_logger, args.AttemptNumber + 1, args.RetryDelay, args.Outcome.Exception?.Message);
                    return ValueTask.CompletedTask;
                },
            });
        }
        return builder.AddTimeout(_options.AttemptTimeout).Build();
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is not { } retryAfter)
        {
            return null;
        }
        if (retryAfter.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }
        if (retryAfter.Date is { } date)
        {
            var wait = date - _timeProvider.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
        return null;
    }

    private static async Task<string> ReadExcerptAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (body.Length == 0)
        {
            return "(no body)";
        }
        return body.Length <= BodyExcerptLength ? body : body[..BodyExcerptLength] + "…";
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Sent {Count} events ({Bytes} bytes) to topic {Topic}")]
    private static partial void LogSent(ILogger logger, int count, int bytes, string topic);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Service Bus send attempt {Attempt} follows in {Delay}: {Reason}")]
    private static partial void LogRetry(ILogger logger, int attempt, TimeSpan delay, string? reason);

    /// <summary>One request body: a JSON array of <see cref="Count"/> messages.</summary>
    public sealed record Batch(int Count, byte[] Body)
    {
        internal static Batch Of(List<byte[]> messages)
        {
            var body = new byte[2 + messages.Sum(m => m.Length) + (messages.Count - 1)];
            body[0] = (byte)'[';
            var at = 1;
            for (var i = 0; i < messages.Count; i++)
            {
                if (i > 0)
                {
                    body[at++] = (byte)',';
                }
                messages[i].CopyTo(body, at);
                at += messages[i].Length;
            }
            body[at] = (byte)']';
            return new Batch(messages.Count, body);
        }
    }
}
