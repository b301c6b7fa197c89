using ServerlessInventory.Adapters.Channels;
using ServerlessInventory.Adapters.Sqlite;
using ServerlessInventory.Core.Application;
using ServerlessInventory.Core.Availability;
using ServerlessInventory.Core.Ports;
using ServerlessInventory.Functions;
using Microsoft.Extensions.Options;
using ServerlessInventory.LocalRunner.ChangeFeed;
using ServerlessInventory.LocalRunner.Http;
using ServerlessInventory.LocalRunner.Messaging;
using ServerlessInventory.LocalRunner.Timers;

namespace ServerlessInventory.LocalRunner.Hosting;

public static class LocalPipelineExtensions
{
    /// <summary>
    /// The whole pipeline on one machine: the function app as Azure hosts it (<see cref="FunctionsServiceCollectionExtensions.AddServerlessInventoryFunctions"/>),
    /// the embedded SQLite adapters (or, with <c>LocalRunner:Storage=Azure</c>, the Cosmos DB master and the Table storage
    /// repositories, the topic staying local), HTTP pushes to channels, and the hosted services that drive the
    /// non-HTTP triggers.
    /// </summary>
    public static IServiceCollection AddLocalPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LocalRunnerOptions>().Bind(configuration.GetSection(LocalRunnerOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<LocalRunnerOptions>, OpsKeyRequiredOffLoopback>();
        services.AddSingleton<FunctionKeys>();
        services.AddServerlessInventoryFunctions(configuration);

        // Registered before the SQLite adapters, whose own publisher, store and repository registrations then stand aside.
        services.AddSingleton<TopicSignal>();
        services.AddSingleton<ChangeFeedSignal>();
        services.AddSingleton<IEventPublisher, SignallingPublisher>();
        var storage = configuration.GetSection(LocalRunnerOptions.SectionName).Get<LocalRunnerOptions>()?.Storage ?? RunnerStorage.Embedded;
        if (storage == RunnerStorage.Azure)
        {
            services.AddAzureStorage(configuration);
        }
        else
        {
            services.AddSingleton<SqliteInventoryStore>();
            services.AddSingleton<IInventoryStore>(sp => new SignallingInventoryStore(sp.GetRequiredService<SqliteInventoryStore>(), sp.GetRequiredService<ChangeFeedSignal>()));
            services.AddSingleton<CheckpointStore>();
            services.AddHostedService<ChangeFeedPump>();
        }
        services.AddSqliteAdapters(configuration);
        services.AddChannelPush(configuration);
        // As in Azure: channels registered at run time are laid over the configured ones.
        services.AddRegistryCatalogSource(configuration);

        // The functions return MVC action results (ObjectResult, ProblemDetails); these execute them.
        services.AddMvcCore();
        services.AddOpenApi(options => options.AddFunctionKeySecurity().DescribeInputPolicy());
        services.AddRunnerTelemetry(configuration);

        services.AddSingleton<ITopicHealthSource, LocalTopicHealth>();
        services.AddHostedService<TopicDispatcher>();
        services.AddHostedService<TopicMaintenance>();
        services.AddHostedService<TimerScheduler>();
        services.AddHostedService<StartupReport>();
        return services;
    }
}

