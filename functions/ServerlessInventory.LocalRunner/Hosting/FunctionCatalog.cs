using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;
using ServerlessInventory.Functions;

namespace ServerlessInventory.LocalRunner.Hosting;

/// <summary>One <c>[Function]</c> method and its trigger attribute, as the Functions host would discover it.</summary>
public sealed record FunctionEntry(string Name, Type Class, MethodInfo Method, TriggerBindingAttribute Trigger);

/// <summary>
/// Discovers the function classes by their attributes, so the runner hosts exactly what Azure hosts: a function
/// added to the Functions project is served here without being listed anywhere.
/// </summary>
public static class FunctionCatalog
{
    public static IReadOnlyList<FunctionEntry> All { get; } = [.. FunctionsServiceCollectionExtensions.FunctionClasses
        .SelectMany(type => type.GetMethods())
        .Select(method => (Method: method, Function: method.GetCustomAttribute<FunctionAttribute>()))
        .Where(m => m.Function is not null)
        .Select(m => new FunctionEntry(m.Function!.Name, m.Method.DeclaringType!, m.Method, TriggerOf(m.Method)))];

    public static IEnumerable<(FunctionEntry Entry, T Trigger)> WithTrigger<T>()
        where T : TriggerBindingAttribute =>
        All.Where(f => f.Trigger is T).Select(f => (f, (T)f.Trigger));

    private static TriggerBindingAttribute TriggerOf(MethodInfo method) =>
        method.GetParameters().SelectMany(p => p.GetCustomAttributes<TriggerBindingAttribute>()).SingleOrDefault()
        ?? throw new InvalidOperationException($"{method.DeclaringType?.Name}.{method.Name} has no trigger");
}
