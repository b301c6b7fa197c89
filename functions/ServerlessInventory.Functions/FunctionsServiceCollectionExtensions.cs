using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ServerlessInventory.Core.Application;
using ServerlessInventory.Functions.Messaging;

namespace ServerlessInventory.Functions;

public static class FunctionsServiceCollectionExtensions
{
    /// <summary>Every class of this assembly with a <c>[Function]</c> method: what a host must be able to activate.</summary>
    public static IReadOnlyList<Type> FunctionClasses { get; } = [.. typeof(FunctionsServiceCollectionExtensions).Assembly.GetTypes()
        .Where(t => t.IsClass && !t.IsAbstract && t.GetMethods().Any(m => m.GetCustomAttribute<FunctionAttribute>() is not null))];

    /// <summary>
    /// What the function app needs besides the adapters: Core's handlers and options, the functions' own options, and
    /// the function classes. Called by the Azure Program.cs and by the local runner, so both host the same thing.
    /// </summary>
    public static IServiceCollection AddServerlessInventoryFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddInventoryCore(configuration);
        services.AddOptions<InventoryEventsOptions>().Bind(configuration.GetSection(InventoryEventsOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        foreach (var function in FunctionClasses)
        {
            services.AddTransient(function);
        }
        return services;
    }
}
