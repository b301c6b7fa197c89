using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using ServerlessInventory.Core.Application;
using ServerlessInventory.Core.Domain;

namespace ServerlessInventory.Functions.Http;

/// <summary>The answers the HTTP functions give, in one place so every error has the same problem+json shape.</summary>
internal static class ApiResults
{
    public const string ProblemJson = "application/problem+json";

    /// <summary>An RFC 9457 problem naming the offending field, when there is one.</summary>
    public static ObjectResult Problem(int status, string title, string? field = null, string? detail = null)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        if (field is not null)
        {
            problem.Extensions["field"] = field;
        }
        return new ObjectResult(problem) { StatusCode = status, ContentTypes = { ProblemJson } };
    }

    public static ObjectResult BadRequest(string field, string reason) =>
        Problem(StatusCodes.Status400BadRequest, "The request is invalid.", field, $"{field} {reason}");

    public static ObjectResult NotFound(string detail) => Problem(StatusCodes.Status404NotFound, "Not found.", detail: detail);

    public static ObjectResult Json(int status, object value) => new(value) { StatusCode = status };

    /// <summary>
    /// Runs a function body, answering 400 naming the field when any value it reads fails validation: value
    /// objects validate on construction, and this is the one place an HTTP request's validation error is caught.
    /// A SKU that kept changing under every attempt (other instances writing it) is 503 with Retry-After: contention
    /// is transient and the caller's retry is safe (reservation ids are idempotent), so it is never a 500.
    /// </summary>
    public static async Task<IActionResult> ValidatedAsync(Func<Task<IActionResult>> run)
    {
        try
        {
            return await run().ConfigureAwait(false);
        }
        catch (DomainValidationException invalid)
        {
            return BadRequest(invalid.Field, invalid.Reason);
        }
        catch (ConcurrencyExhaustedException contended)
        {
            return new RetryLaterResult(Problem(StatusCodes.Status503ServiceUnavailable, "The SKU is busy; try again.", detail: contended.Message));
        }
    }

    /// <summary>A problem answered with <c>Retry-After</c>, the header clients and gateways honour before retrying.</summary>
    internal sealed class RetryLaterResult : ObjectResult
    {
        public const string RetryAfterSeconds = "1";

        public RetryLaterResult(ObjectResult problem)
            : base(problem.Value)
        {
            StatusCode = problem.StatusCode;
            ContentTypes = problem.ContentTypes;
        }

        public override void OnFormatting(ActionContext context)
        {
            base.OnFormatting(context);
            context.HttpContext.Response.Headers.RetryAfter = RetryAfterSeconds;
        }
    }
}
