using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Core.Availability;

/// <summary>How <see cref="RegistryCatalogSource"/> caches the channel registry. Bound from <c>ChannelRegistry</c>, validated at start.</summary>
public sealed class RegistryCatalogOptions
{
    public const string SectionName = "ChannelRegistry";

    /// <summary>
    /// How long a catalog built from the registry is used before the registry is read again (default 30 s): every
    /// webhook, push and query needs the catalog, and reading the registry each time would cost a table query each.
    /// An edit by ops is seen within this time.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(30);
}

public static class RegistryCatalogServiceCollectionExtensions
{
    /// <summary>
    /// Makes <see cref="RegistryCatalogSource"/> the <see cref="IInventoryCatalogSource"/> (replacing the configured-only
    /// one), with <see cref="RegistryCatalogOptions"/> validated at start. The host registers an <see cref="IChannelRegistry"/>.
    /// </summary>
    public static IServiceCollection AddRegistryCatalogSource(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RegistryCatalogOptions>().Bind(configuration.GetSection(RegistryCatalogOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.Replace(ServiceDescriptor.Singleton<IInventoryCatalogSource, RegistryCatalogSource>());
        return services;
    }
}
