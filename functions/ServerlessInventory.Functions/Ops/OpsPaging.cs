using Microsoft.AspNetCore.Http;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Functions.Http;

namespace ServerlessInventory.Functions.Ops;

internal static class OpsPaging
{
    public const int DefaultPageSize = 50;

    public const int MaxPageSize = 500;

    public static int PageSize(HttpRequest request) => Query.PageSize(request) switch
    {
        null => DefaultPageSize,
        { } size and >= 1 and <= MaxPageSize => size,
        _ => throw new DomainValidationException("pageSize", $"must be from 1 to {MaxPageSize}"),
    };
}
