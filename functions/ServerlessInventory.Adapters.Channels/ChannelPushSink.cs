using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Retry;
using Polly.Timeout;
using ServerlessInventory.Core.Channels;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Adapters.Channels;

/// <summary>
/// Pushes availability to a channel's push URL as <c>{"channel","sku","available","version"}</c>, signed like its
/// webhooks (<c>X-Signature: sha256=&lt;hex&gt;</c>). Each channel has its own retry, timeout and circuit breaker, so
/// one channel that is down neither slows nor trips the others. A channel without a push URL gets a log line. A push
/// the channel cannot take for now (unreachable, timed out, 408, 429, 5xx after every retry, or its circuit open) fails
/// with Core's <see cref="ChannelUnavailableException"/>, carrying how long the circuit stays open, so Core knows when
/// to try the channel again; a push the channel refuses (another 4xx) fails with its <see cref="HttpRequestException"/>.
/// Pushes are paced per channel (<see cref="ChannelPushOptions.RequestsPerSecond"/> and
/// <see cref="ChannelPushOptions.MaxConcurrentRequests"/>, through Polly's rate limiter strategy): one over the limit
/// waits for a slot. A 429 or 503 with <c>Retry-After</c> is not retried: the push fails as unavailable for that long,
/// and so does every push to that channel until then, without a request.
/// </summary>
public sealed partial class ChannelPushSink(
    IHttpClientFactory httpClients,
    IInventoryCatalogSource catalogSource,
    IOptions<ChannelPushOptions> options,
    TimeProvider timeProvider,
    ILogger<ChannelPushSink> logger) : IAvailabilitySink, IChannelCircuitState, IDisposable
{
    public const string HttpClientName = "channel-push";

    private readonly ConcurrentDictionary<ChannelId, Lazy<(ResiliencePipeline Pipeline, IDisposable Limits)>> _pipelines = new();
    private readonly ConcurrentDictionary<ChannelId, DateTimeOffset> _notBefore = new();
    private readonly ConcurrentDictionary<ChannelId, CircuitBreakerStateProvider> _circuits = new();

    /// <summary>The channel's circuit; unknown until this sink first pushed to the channel's URL (no circuit exists before).</summary>
    public ChannelCircuit StateOf(ChannelId channel) => _circuits.TryGetValue(channel, out var circuit)
        ? circuit.CircuitState switch
        {
            CircuitState.Closed => ChannelCircuit.Closed,
            CircuitState.HalfOpen => ChannelCircuit.HalfOpen,
            CircuitState.Open or CircuitState.Isolated => ChannelCircuit.Open,
            _ => ChannelCircuit.Unknown,
        }
        : ChannelCircuit.Unknown;

    /// <summary>A channel's pushes at once up to its own concurrency limit: more would only wait in its queue.</summary>
    /// <summary>A channel's pushes at once up to its own concurrency limit: more would only wait in its queue.</summary>
    public Task<IReadOnlyList<Exception?>> PushBatchAsync(IReadOnlyList<AvailabilityUpdate> updates, CancellationToken cancellationToken) =>
        IAvailabilitySink.PushEachAsync(this, updates, updates.Count == 0 ? 1 : options.Value.LimitsOf(updates[0].Channel.Value).MaxConcurrentRequests, cancellationToken);

    public async Task PushAsync(AvailabilityUpdate update, CancellationToken cancellationToken)
    {
        if (_notBefore.TryGetValue(update.Channel, out var notBefore) && notBefore - timeProvider.GetUtcNow() is { } wait && wait > TimeSpan.Zero)
        {
            throw new ChannelUnavailableException(update.Channel, wait, null);
        }
        var catalog = await catalogSource.GetCatalogAsync(cancellationToken).ConfigureAwait(false);
        if (!catalog.TryGetConnection(update.Channel, out var connection) || connection.PushUrl is not { } url)
        {
            LogPushed(logger, update.Channel, update.Sku, update.Available, update.Version);
            return;
        }
        var body = JsonSerializer.SerializeToUtf8Bytes(new PushBody(update.Channel.Value, update.Sku, update.Available, update.Version), PushBody.Json);
        var signature = connection.Secret is { Length: > 0 } secret ? WebhookSignature.Sign(secret, body) : null;
        try
        {
            await SendAsync(update.Channel, url, body, signature, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelRetryAfterException asked)
        {
            _notBefore[update.Channel] = timeProvider.GetUtcNow() + asked.RetryAfter;
            throw new ChannelUnavailableException(update.Channel, asked.RetryAfter, asked);
        }
        catch (RateLimiterRejectedException full)
        {
            throw new ChannelUnavailableException(update.Channel, full.RetryAfter, full);
        }
        catch (BrokenCircuitException open)
        {
            throw new ChannelUnavailableException(update.Channel, open.RetryAfter, open);
        }
        catch (TimeoutRejectedException timeout)
        {
            throw new ChannelUnavailableException(update.Channel, null, timeout);
        }
        catch (HttpRequestException failure) when (IsTransient(failure))
        {
            throw new ChannelUnavailableException(update.Channel, null, failure);
        }
    }

    private Task SendAsync(ChannelId channel, Uri url, byte[] body, string? signature, CancellationToken cancellationToken) =>
        _pipelines.GetOrAdd(channel, c => new(() => BuildPipeline(c))).Value.Pipeline.ExecuteAsync(async token =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            if (signature is not null)
            {
                request.Headers.Add(WebhookSignature.Header, signature);
            }
            // A client per push from the factory: its handlers are pooled and rotated, which a captured client's are not.
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, token).ConfigureAwait(false);
            if (ChannelRetryAfterException.Of(response, timeProvider, options.Value.MaxRetryAfter) is { } retryAfter)
            {
                throw new ChannelRetryAfterException(response.StatusCode, retryAfter);
            }
            response.EnsureSuccessStatusCode();
        }, cancellationToken).AsTask();

    /// <summary>
    /// Concurrency outermost (a push holds its slot through its retries), then the breaker, the retry, and the request
    /// rate per attempt (a retry is a request too), each attempt under its timeout.
    /// </summary>
    private (ResiliencePipeline, IDisposable) BuildPipeline(ChannelId channel)
    {
        var settings = options.Value;
        var (perSecond, concurrent) = settings.LimitsOf(channel.Value);
        var rate = new ChannelRateLimiter(perSecond, settings.QueueLimit, timeProvider);
        var transient = new PredicateBuilder().Handle<HttpRequestException>(f => f is not ChannelRetryAfterException && IsTransient(f)).Handle<TimeoutRejectedException>();
        var tripping = new PredicateBuilder().Handle<HttpRequestException>(IsTransient).Handle<TimeoutRejectedException>();
        var builder = new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddConcurrencyLimiter(concurrent, settings.QueueLimit)
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = tripping,
                FailureRatio = settings.FailureRatio,
                MinimumThroughput = settings.MinimumThroughput,
                SamplingDuration = settings.SamplingDuration,
                BreakDuration = settings.BreakDuration,
                StateProvider = _circuits.GetOrAdd(channel, _ => new CircuitBreakerStateProvider()),
            });
        // MaxRetryAttempts 0 (allowed) means no retry; Polly's retry strategy itself needs at least one.
        if (settings.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = transient,
                MaxRetryAttempts = settings.MaxRetryAttempts,
                Delay = settings.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            });
        }
        return (builder.AddRateLimiter(rate.Limiter).AddTimeout(settings.AttemptTimeout).Build(), rate);
    }

    public void Dispose()
    {
        foreach (var pipeline in _pipelines.Values.Where(p => p.IsValueCreated))
        {
            pipeline.Value.Limits.Dispose();
        }
    }

    /// <summary>
    /// Worth trying again: the channel was unreachable, timed out, throttled us or failed on its side. A 4xx such as 401
    /// or 404 says the push itself is wrong (secret, URL) and will fail the same way; the push stays owed for the retry
    /// round instead of hammering the channel now.
    /// </summary>
    private static bool IsTransient(HttpRequestException failure) => failure.StatusCode switch
    {
        null => true,
        System.Net.HttpStatusCode.RequestTimeout or System.Net.HttpStatusCode.TooManyRequests => true,
        { } status => (int)status >= 500,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Push {Channel} {Sku}: available {Available} (version {Version}); the channel has no push URL")]
    private static partial void LogPushed(ILogger logger, ChannelId channel, string sku, int available, long version);

    private sealed record PushBody(string Channel, string Sku, int Available, long Version)
    {
        public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    }
}
