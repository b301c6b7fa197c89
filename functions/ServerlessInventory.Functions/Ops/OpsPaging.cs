using Microsoft.AspNetCore.Http;
using ServerlessInventory.Core.Operations;
using ServerlessInventory.Functions.Http;

namespace ServerlessInventory.Functions.Ops;

/// <summary>Reads an ops listing's <c>pageSize</c>; its bounds are Core's (<see cref="OpsPageSize"/>).</summary>
internal static class OpsPaging
{
    public static int PageSize(HttpRequest request) => OpsPageSize.From(Query.PageSize(request));
}
