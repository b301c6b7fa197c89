using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
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
    }
}
