using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using ServerlessInventory.Functions;

namespace ServerlessInventory.Functions.Tests;

/// <summary>
/// The level each HTTP function declares is what Azure and the runner enforce, so it is checked here for every
/// function found by reflection: a new route cannot be added open by accident.
/// </summary>
public sealed class AuthorizationLevelTests
{
    private static readonly IReadOnlyList<(string Name, string Route, AuthorizationLevel Level)> HttpFunctions =
    [
        .. FunctionsServiceCollectionExtensions.FunctionClasses
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(method => (Function: method.GetCustomAttribute<FunctionAttribute>(), Trigger: method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).SingleOrDefault(t => t is not null)))
            .Where(f => f.Function is not null && f.Trigger is not null)
            .Select(f => (f.Function!.Name, f.Trigger!.Route ?? f.Function.Name, f.Trigger.AuthLevel)),
    ];

    [Fact]
    public void HttpFunctions_UnderOps_AreDeclaredAdmin()
    {
        var ops = HttpFunctions.Where(f => f.Route.StartsWith("ops/", StringComparison.OrdinalIgnoreCase) || f.Route.Equals("ops", StringComparison.OrdinalIgnoreCase)).ToList();
        ops.ShouldNotBeEmpty();

        ops.Where(f => f.Level != AuthorizationLevel.Admin).Select(f => $"{f.Name} ({f.Route}): {f.Level}")
            .ShouldBeEmpty("ops routes need the admin (master) key in Azure");
    }

    [Fact]
    public void HttpFunctions_OtherThanWebhooks_AreNotAnonymous()
    {
        HttpFunctions.Count.ShouldBeGreaterThan(10, "the reflection found too few HTTP functions");

        HttpFunctions.Where(f => f.Level == AuthorizationLevel.Anonymous && !IsWebhook(f.Route)).Select(f => $"{f.Name} ({f.Route})")
            .ShouldBeEmpty("only webhooks, authenticated by their HMAC signature, are Anonymous");
    }

    [Fact]
    public void HttpFunctions_Webhooks_AreAnonymousAndTheChannelRoutesNeedAFunctionKey()
    {
        var webhooks = HttpFunctions.Where(f => IsWebhook(f.Route)).ToList();
        webhooks.ShouldNotBeEmpty();
        webhooks.ShouldAllBe(f => f.Level == AuthorizationLevel.Anonymous, "a channel signs its webhooks; it has no function key to send");

        HttpFunctions.Where(f => !IsWebhook(f.Route) && !f.Route.StartsWith("ops", StringComparison.OrdinalIgnoreCase))
            .Where(f => f.Level != AuthorizationLevel.Function).Select(f => $"{f.Name} ({f.Route}): {f.Level}")
            .ShouldBeEmpty("reservations and queries are for channels: a function key, not the admin key");
    }

    private static bool IsWebhook(string route) => route.StartsWith("webhooks/", StringComparison.OrdinalIgnoreCase);
}
