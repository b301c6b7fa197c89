using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Adapters.Tables;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers the five repositories on Table storage (<see cref="IParkedEventStore"/>, <see cref="IDeadLetterStore"/>,
    /// <see cref="IPushStateStore"/>, <see cref="IChannelRegistry"/>, <see cref="IReconciliationReportStore"/>) and one
    /// <see cref="TableServiceClient"/>, with <see cref="TablesOptions"/> from <c>Tables</c> validated at start. With
    /// <see cref="TablesOptions.ServiceUri"/> the client authenticates with the registered <see cref="TokenCredential"/>,
    /// else <see cref="DefaultAzureCredential"/>. Registrations are <c>TryAdd</c>. Tables are not created here: see
    /// <see cref="TablesAdapter.CreateTablesIfNotExistsAsync"/>.
    /// </summary>
    public static IServiceCollection AddTablesAdapters(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TablesOptions>().Bind(configuration.GetSection(TablesOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<TablesOptions>>().Value;
            return options.ServiceUri is { } uri
                ? new TableServiceClient(uri, sp.GetService<TokenCredential>() ?? new DefaultAzureCredential())
                : new TableServiceClient(options.ConnectionString);
        });
        services.TryAddSingleton<IParkedEventStore>(sp => new TablesParkedEventStore(Table(sp, TablesAdapter.ParkedEvents)));
        services.TryAddSingleton<IDeadLetterStore>(sp => new TablesDeadLetterStore(Table(sp, TablesAdapter.DeadLetters)));
        services.TryAddSingleton<IPushStateStore>(sp => new TablesPushStateStore(Table(sp, TablesAdapter.PushStates)));
        services.TryAddSingleton<IChannelRegistry>(sp => new TablesChannelRegistry(Table(sp, TablesAdapter.Channels)));
        services.TryAddSingleton<IReconciliationReportStore>(sp => new TablesReconciliationReportStore(Table(sp, TablesAdapter.ReconciliationRuns)));
        services.TryAddSingleton<IReportedLevelStore>(sp => new TablesReportedLevelStore(Table(sp, TablesAdapter.ReconciliationRuns)));
        return services;
    }

    private static TableClient Table(IServiceProvider services, string name) =>
        services.GetRequiredService<TableServiceClient>().GetTableClient(services.GetRequiredService<IOptions<TablesOptions>>().Value.TablePrefix + name);
}
