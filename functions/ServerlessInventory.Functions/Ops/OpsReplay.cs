using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using ServerlessInventory.Core.Application;
using ServerlessInventory.Functions.Http;

namespace ServerlessInventory.Functions.Ops;

internal static class OpsReplay
{
    public static IActionResult ToActionResult(ReplayResult result, string id) => result.Status switch
    {
        ReplayStatus.Replayed => ApiResults.Json(StatusCodes.Status200OK, new { id, status = "replayed" }),
        ReplayStatus.NotFound => ApiResults.NotFound($"'{id}' does not exist"),
        ReplayStatus.AlreadyReplayed => ApiResults.Problem(StatusCodes.Status409Conflict, "Already replayed.", detail: $"'{id}' was replayed before"),
        _ => ApiResults.Problem(StatusCodes.Status422UnprocessableEntity, "Still cannot be accepted.", result.Field, result.Reason),
    };
}
