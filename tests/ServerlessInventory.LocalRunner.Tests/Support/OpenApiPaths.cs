using System.Text.RegularExpressions;

namespace ServerlessInventory.LocalRunner.Tests.Support;

public static partial class OpenApiPaths
{
    /// <summary>A route as the OpenAPI document names it: a catch-all (<c>{*path}</c>) or optional (<c>{id?}</c>) parameter is a plain one there.</summary>
    public static string Of(string route) => RouteParameter().Replace(route, "{$1}");

    [GeneratedRegex(@"\{\*?(\w+)\??\}")]
    private static partial Regex RouteParameter();
}
