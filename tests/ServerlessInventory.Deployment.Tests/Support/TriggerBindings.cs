using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;
using ServerlessInventory.Functions;

namespace ServerlessInventory.Deployment.Tests.Support;

/// <summary>How a binding names an app setting: <c>%Name%</c> is resolved whole; a connection is a prefix.</summary>
public enum SettingKind
{
    /// <summary>A <c>%Name%</c> expression: the setting <c>Name</c> itself must exist.</summary>
    Expression,

    /// <summary>A <c>Connection</c> value: the setting <c>Name</c>, or settings <c>Name__*</c> (identity-based), must exist.</summary>
    ConnectionPrefix,
}

/// <summary>One app setting a binding attribute reads, and where.</summary>
public sealed record BindingSetting(string Function, Attribute Binding, string Property, string Name, SettingKind Kind)
{
    public string Where => $"[{Binding.GetType().Name.Replace("Attribute", "", StringComparison.Ordinal)}].{Property} of {Function}";

    /// <summary>Whether <paramref name="settings"/> provides this setting (a prefix counts when <c>Name__*</c> is set).</summary>
    public bool IsSetIn(IEnumerable<string> settings) => Kind == SettingKind.Expression
        ? settings.Contains(Name, StringComparer.Ordinal)
        : settings.Any(key => key == Name || key.StartsWith(Name + "__", StringComparison.Ordinal));
}

/// <summary>
/// The function methods of the Functions assembly and the app settings their trigger and binding attributes read, found
/// by reflection: every <c>%Name%</c> in any string property of a binding attribute, and every property named
/// <c>*Connection</c>. Nothing is listed by hand, so a new trigger's settings are checked as soon as it exists.
/// </summary>
public static partial class TriggerBindings
{
    public static IReadOnlyList<MethodInfo> FunctionMethods { get; } = [.. typeof(AppSettings).Assembly.GetTypes()
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
        .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null)];

    public static IReadOnlyList<BindingSetting> Settings { get; } = [.. FunctionMethods.SelectMany(SettingsOf)];

    public static string FunctionName(MethodInfo method) => method.GetCustomAttribute<FunctionAttribute>()!.Name;

    /// <summary>Every binding attribute of a function: on its parameters (triggers, inputs) and on the method (outputs).</summary>
    public static IEnumerable<BindingAttribute> BindingsOf(MethodInfo method) =>
        method.GetCustomAttributes<BindingAttribute>(inherit: true)
            .Concat(method.GetParameters().SelectMany(p => p.GetCustomAttributes<BindingAttribute>(inherit: true)));

    /// <summary>The function's trigger attribute (every function has exactly one).</summary>
    public static TriggerBindingAttribute TriggerOf(MethodInfo method)
    {
        var triggers = BindingsOf(method).OfType<TriggerBindingAttribute>().ToList();
        triggers.Count.ShouldBe(1, $"{FunctionName(method)} should have exactly one trigger");
        return triggers[0];
    }

    /// <summary>The one function whose trigger is of type <typeparamref name="T"/> with its attribute.</summary>
    public static (MethodInfo Method, T Trigger) OnlyFunction<T>(Func<T, bool>? where = null) where T : TriggerBindingAttribute
    {
        var found = FunctionMethods.Select(m => (Method: m, Trigger: TriggerOf(m))).Where(p => p.Trigger is T t && (where is null || where(t))).ToList();
        found.Count.ShouldBe(1, $"the Functions assembly should have one function triggered by {typeof(T).Name}");
        return (found[0].Method, (T)found[0].Trigger);
    }

    /// <summary>The value an attribute string names: the setting's value for <c>%Name%</c>, the string itself otherwise.</summary>
    public static string Resolve(string value, IReadOnlyDictionary<string, string> settings, string where) =>
        Expression().Replace(value, m => settings.TryGetValue(m.Groups["name"].Value, out var resolved)
            ? resolved
            : throw new ShouldAssertException($"{where}: %{m.Groups["name"].Value}% is not set"));

    private static IEnumerable<BindingSetting> SettingsOf(MethodInfo method)
    {
        var function = FunctionName(method);
        foreach (var binding in BindingsOf(method))
        {
            foreach (var property in binding.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.PropertyType == typeof(string)))
            {
                if (property.GetValue(binding) is not string { Length: > 0 } value)
                {
                    continue;
                }
                var expressions = Expression().Matches(value);
                foreach (Match match in expressions)
                {
                    yield return new BindingSetting(function, binding, property.Name, match.Groups["name"].Value, SettingKind.Expression);
                }
                if (expressions.Count == 0 && property.Name.EndsWith("Connection", StringComparison.Ordinal))
                {
                    yield return new BindingSetting(function, binding, property.Name, value, SettingKind.ConnectionPrefix);
                }
            }
        }
    }

    [GeneratedRegex("%(?<name>[^%]+)%")]
    private static partial Regex Expression();
}
