using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using ServerlessInventory.Core.Operations;
using ServerlessInventory.Functions.Http;

namespace ServerlessInventory.Functions.Ops;

/// <summary>The HTTP answer of each <see cref="ChannelEditOutcome"/>: a channel read or written carries its ETag.</summary>
internal static class ChannelEditResults
{
    public static IActionResult ToActionResult(ChannelEdit edit) => edit.Outcome switch
    {
        ChannelEditOutcome.Found or ChannelEditOutcome.Updated => ChannelETag.With(ApiResults.Json(StatusCodes.Status200OK, edit.Channel!), edit.ConcurrencyToken),
        ChannelEditOutcome.Created => ChannelETag.With(ApiResults.Json(StatusCodes.Status201Created, edit.Channel!), edit.ConcurrencyToken),
        ChannelEditOutcome.Removed => new StatusCodeResult(StatusCodes.Status204NoContent),
        ChannelEditOutcome.NotRegistered => ApiResults.NotFound(edit.Detail!),
        ChannelEditOutcome.AlreadyExists => ApiResults.Problem(StatusCodes.Status409Conflict, "The channel already exists.", HeaderNames.IfMatch, edit.Detail),
        _ => ApiResults.Problem(StatusCodes.Status412PreconditionFailed, "The channel is not as the request expects.", HeaderNames.IfMatch, edit.Detail),
    };
}
