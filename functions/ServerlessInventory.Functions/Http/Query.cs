using System.Globalization;
using Microsoft.AspNetCore.Http;
using ServerlessInventory.Core.Domain;

namespace ServerlessInventory.Functions.Http;

/// <summary>Query string values shared by the query and listing functions.</summary>
internal static class Query
{
    /// <summary>The parameter the Functions host reads a function key from; never the function's own.</summary>
    private const string FunctionKey = "code";

    /// <summary>
    /// Refuses a query string naming a parameter the route does not read, naming each: ignored, a misspelt
    /// <c>locaton=store-2</c> would be answered the pooled value as if it were the store's.
    /// </summary>
    public static void AllowOnly(HttpRequest request, params string[] known)
    {
        var unknown = request.Query.Keys
            .Where(k => !k.Equals(FunctionKey, StringComparison.OrdinalIgnoreCase) && !known.Contains(k, StringComparer.OrdinalIgnoreCase))
            .ToList();
        if (unknown.Count > 0)
        {
            var reads = known.Length == 0 ? "no query parameters" : string.Join(", ", known);
            throw new DomainValidationException(
                string.Join(",", unknown),
                $"{(unknown.Count == 1 ? "is not a query parameter" : "are not query parameters")} of this route (it reads {reads})");
        }
    }

    public static int? PageSize(HttpRequest request) =>
        request.Query["pageSize"].FirstOrDefault() is not { } raw ? null
        : int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var size) ? size
        : throw new DomainValidationException("pageSize", "must be a whole number");
}
