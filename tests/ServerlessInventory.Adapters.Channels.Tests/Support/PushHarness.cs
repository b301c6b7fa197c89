using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessInventory.Core.Availability;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Adapters.Channels.Tests.Support;

/// <summary>
/// The sink as the product wires it: <see cref="ServiceCollectionExtensions.AddChannelPush"/> over configuration given
/// as key/value pairs (the appsettings keys), a fixed catalog, the real clock, and a log that records what it is told.
/// Options are validated as a host validates them at start.
/// </summary>
public sealed class PushHarness : IDisposable
{
    private readonly ServiceProvider _provider;

    public PushHarness(CatalogOptions catalog, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>(FastSettings);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        Settings = settings;
        _provider = BuildServices(settings, new FixedCatalogSource(catalog.ToCatalog()), Logs)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        _provider.GetRequiredService<IStartupValidator>().Validate();
    }

    /// <summary>Small delays so that retries, timeouts and the circuit play out in about a second on the real clock.</summary>
    public static IReadOnlyDictionary<string, string?> FastSettings { get; } = new Dictionary<string, string?>
    {
        ["ChannelPush:MaxRetryAttempts"] = "2",
        ["ChannelPush:RetryDelay"] = "00:00:00.010",
        ["ChannelPush:AttemptTimeout"] = "00:00:00.500",
        ["ChannelPush:FailureRatio"] = "0.5",
        ["ChannelPush:MinimumThroughput"] = "2",
        ["ChannelPush:SamplingDuration"] = "00:00:02",
        ["ChannelPush:BreakDuration"] = "00:00:01",
    };

    public IReadOnlyDictionary<string, string?> Settings { get; }

    public RecordingLoggerProvider Logs { get; } = new();

    public IAvailabilitySink Sink => _provider.GetRequiredService<IAvailabilitySink>();

    /// <summary>The sink's circuits as Core reads them for the health report.</summary>
    public IChannelCircuitState Circuits => _provider.GetRequiredService<IChannelCircuitState>();

    public T Get<T>() where T : notnull => _provider.GetRequiredService<T>();

    public ChannelPushOptions Options => _provider.GetRequiredService<IOptions<ChannelPushOptions>>().Value;

    /// <summary>The registrations the product's host makes for the sink: a clock, logging, a catalog source, and AddChannelPush.</summary>
    public static IServiceCollection BuildServices(IReadOnlyDictionary<string, string?> settings, IInventoryCatalogSource? catalogSource = null, ILoggerProvider? logs = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddSingleton(TimeProvider.System)
            .AddSingleton(catalogSource ?? new FixedCatalogSource(InventoryCatalog.Empty))
            .AddLogging(logging =>
            {
                if (logs is not null)
                {
                    logging.AddProvider(logs);
                }
            })
            .AddChannelPush(configuration);
    }

    public static AvailabilityUpdate Update(string channel, string sku = "sku-1", int available = 5, long version = 1) =>
        new(new ChannelId(channel), sku, available, version);

    public Task PushAsync(string channel, string sku = "sku-1", int available = 5, long version = 1) =>
        Sink.PushAsync(Update(channel, sku, available, version), TestContext.Current.CancellationToken);

    public void Dispose() => _provider.Dispose();
}

/// <summary>The catalog a test describes, as the port Core and the sink read it from.</summary>
public sealed class FixedCatalogSource(InventoryCatalog catalog) : IInventoryCatalogSource
{
    public ValueTask<InventoryCatalog> GetCatalogAsync(CancellationToken cancellationToken) => ValueTask.FromResult(catalog);
}

/// <summary>Keeps every log line written through it.</summary>
public sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<LogLine> _lines = new();

    public IReadOnlyList<LogLine> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    public sealed record LogLine(string Category, LogLevel Level, string Message);

    private sealed class Logger(string category, ConcurrentQueue<LogLine> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(new LogLine(category, logLevel, formatter(state, exception)));
    }
}
