using System.Reflection;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using ServerlessInventory.LocalRunner.Tests.Support;

namespace ServerlessInventory.LocalRunner.Tests;

/// <summary>The runner serves exactly the HTTP functions Azure would, at the routes Azure gives them.</summary>
public sealed class FunctionRouteTests(DefaultRunnerFixture fixture) : IClassFixture<DefaultRunnerFixture>
{
    private static readonly HashSet<string> _httpMethods = new(StringComparer.OrdinalIgnoreCase) { "get", "put", "post", "delete", "options", "head", "patch", "trace" };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OpenApi_OfTheRunner_ListsEveryHttpFunctionAtItsRouteAndNothingElse()
    {
        // As the Functions host finds them: [Function] methods whose trigger parameter is [HttpTrigger]; a route
        // defaults to the function's name and is served under /api.
        var functions = typeof(ServerlessInventory.Functions.FunctionsServiceCollectionExtensions).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(m => (Function: m.GetCustomAttribute<FunctionAttribute>(), Trigger: m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).SingleOrDefault(a => a is not null)))
            .Where(f => f.Function is not null && f.Trigger is not null)
            .Select(f => (f.Function!.Name, Path: OpenApiPaths.Of("/api/" + (f.Trigger!.Route ?? f.Function.Name)), Methods: f.Trigger.Methods))
            .ToList();
        functions.ShouldNotBeEmpty();

        using var document = JsonDocument.Parse(await fixture.Runner.Http.GetStringAsync(new Uri("openapi/v1.json", UriKind.Relative), Ct));
        var served = document.RootElement.GetProperty("paths").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.EnumerateObject().Select(o => o.Name).Where(_httpMethods.Contains).ToHashSet(StringComparer.OrdinalIgnoreCase), StringComparer.Ordinal);

        foreach (var (name, path, methods) in functions)
        {
            served.ShouldContainKey(path, $"{name} is served at {path}");
            foreach (var method in methods ?? [])
            {
                served[path].ShouldContain(method.ToLowerInvariant(), $"{name} answers {method.ToUpperInvariant()} {path}");
            }
        }
        var expected = functions.GroupBy(f => f.Path).ToDictionary(g => g.Key, g => g.SelectMany(f => f.Methods ?? []).Select(m => m.ToLowerInvariant()).ToHashSet(), StringComparer.Ordinal);
        served.Keys.Where(p => p.StartsWith("/api/", StringComparison.Ordinal)).Order(StringComparer.Ordinal)
            .ShouldBe(expected.Keys.Order(StringComparer.Ordinal), "no /api path that is not a function's");
        foreach (var (path, methods) in expected.Where(e => e.Value.Count > 0))
        {
            served[path].Order(StringComparer.Ordinal).ShouldBe(methods.Order(StringComparer.Ordinal), $"{path} answers only its functions' methods");
        }
    }

    [Fact]
    public async Task OpenApi_OfTheRunner_StatesTheInputPolicy()
    {
        using var document = JsonDocument.Parse(await fixture.Runner.Http.GetStringAsync(new Uri("openapi/v1.json", UriKind.Relative), Ct));

        document.RootElement.GetProperty("info").GetProperty("description").GetString()
            .ShouldBe(ServerlessInventory.LocalRunner.Http.OpenApiDescription.InputPolicy);
    }

    [Fact]
    public async Task OpenApi_AvailabilityOperation_DescribesStorePickupAndUnknownParameters()
    {
        using var document = JsonDocument.Parse(await fixture.Runner.Http.GetStringAsync(new Uri("openapi/v1.json", UriKind.Relative), Ct));

        var operation = document.RootElement.GetProperty("paths").GetProperty("/api/availability").GetProperty("get");

        operation.GetProperty("summary").GetString().ShouldNotBeNullOrWhiteSpace();
        var description = operation.GetProperty("description").GetString().ShouldNotBeNull();
        description.ShouldContain("With location");
        description.ShouldContain("quota");
        description.ShouldContain("any other query parameter");
    }
}
