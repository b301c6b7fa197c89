using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Adapters.Sqlite;

public static class ServiceCollectionExtensions
{
    /// <summary>Registers the embedded SQLite store and change feed, with options from the <c>Sqlite</c> section.</summary>
    public static IServiceCollection AddSqliteInventoryStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SqliteOptions>().Bind(configuration.GetSection(SqliteOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new SqliteDatabase(sp.GetRequiredService<IOptions<SqliteOptions>>().Value));
        services.AddSingleton<IInventoryStore, SqliteInventoryStore>();
        services.AddSingleton<IChangeFeed, SqliteChangeFeed>();
        return services;
    }
}
