using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Adapters.Sqlite;

public static class ServiceCollectionExtensions
{
    /// <summary>Registers the embedded SQLite store, its SKU directory and change feed, with options from the <c>Sqlite</c> section.</summary>
    public static IServiceCollection AddSqliteInventoryStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SqliteOptions>().Bind(configuration.GetSection(SqliteOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(sp => new SqliteDatabase(sp.GetRequiredService<IOptions<SqliteOptions>>().Value));
        services.TryAddSingleton<IInventoryStore, SqliteInventoryStore>();
        services.TryAddSingleton<ISkuDirectory, SqliteSkuDirectory>();
        services.TryAddSingleton<IChangeFeed, SqliteChangeFeed>();
        services.TryAddSingleton<IReportedLevelStore, SqliteReportedLevelStore>();
        return services;
    }

    /// <summary>
    /// Registers every port the local pipeline needs on one SQLite file: the store and change feed
    /// (<see cref="AddSqliteInventoryStore"/>), the local topic as <see cref="SqliteEventTopic"/> and as
    /// <see cref="IEventPublisher"/> (one instance), and the parked event, dead-letter and push state stores, the channel
    /// registry and the reconciliation report store;
    /// with <see cref="SqliteOptions"/> from <c>Sqlite</c> and <see cref="LocalTopicOptions"/> from <c>LocalTopic</c>,
    /// both validated at start. Uses the registered <see cref="TimeProvider"/>, else the system clock.
    /// </summary>
    public static IServiceCollection AddSqliteAdapters(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSqliteInventoryStore(configuration);
        services.AddOptions<LocalTopicOptions>().Bind(configuration.GetSection(LocalTopicOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SqliteEventTopic>();
        services.TryAddSingleton<IEventPublisher>(sp => sp.GetRequiredService<SqliteEventTopic>());
        services.TryAddSingleton<IParkedEventStore, SqliteParkedEventStore>();
        services.TryAddSingleton<IDeadLetterStore, SqliteDeadLetterStore>();
        services.TryAddSingleton<IPushStateStore, SqlitePushStateStore>();
        services.TryAddSingleton<IChannelRegistry, SqliteChannelRegistry>();
        services.TryAddSingleton<IReconciliationReportStore, SqliteReconciliationReportStore>();
        return services;
    }
}
