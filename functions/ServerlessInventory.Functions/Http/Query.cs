using System.Globalization;
using Microsoft.AspNetCore.Http;
using ServerlessInventory.Core.Domain;

namespace ServerlessInventory.Functions.Http;

/// <summary>Query string values shared by the listing functions.</summary>
internal static class Query
{
    public static int? PageSize(HttpRequest request) =>
        request.Query["pageSize"].FirstOrDefault() is not { } raw ? null
        : int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var size) ? size
        : throw new DomainValidationException("pageSize", "must be a whole number");
}
