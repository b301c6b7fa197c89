using System.Security.Cryptography;
using System.Text;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using ServerlessInventory.LocalRunner.Hosting;

namespace ServerlessInventory.LocalRunner.Http;

/// <summary>The level a function's <c>[HttpTrigger]</c> declares, carried on its endpoint for the key check and the OpenAPI document.</summary>
public sealed record FunctionAuthorization(AuthorizationLevel Level)
{
    /// <summary>Only Anonymous functions (webhooks, authenticated by their HMAC) are served without a key.</summary>
    public bool RequiresKey => Level != AuthorizationLevel.Anonymous;
}

/// <summary>
/// The runner's version of the Functions host's key check: one key (<c>LocalRunner:OpsKey</c>) opens every route that
/// needs one, read from the header the host reads. Without a configured key nothing is checked, which
/// <see cref="OpsKeyRequiredOffLoopback"/> allows only on loopback.
/// </summary>
public sealed class FunctionKeys(IOptions<LocalRunnerOptions> options)
{
    public const string HeaderName = "x-functions-key";

    // Hashes have one length whatever the key's, so the comparison below reveals neither content nor length.
    private readonly byte[]? _keyHash = string.IsNullOrEmpty(options.Value.OpsKey) ? null : Hash(options.Value.OpsKey);

    public bool AreRequired => _keyHash is not null;

    /// <summary>Null when the request may go on; otherwise the 401 problem saying what is missing (never the key).</summary>
    public IResult? Refusal(HttpRequest request)
    {
        if (_keyHash is null)
        {
            return null;
        }
        var presented = request.Headers[HeaderName];
        if (presented.Count == 0 || string.IsNullOrEmpty(presented[0]))
        {
            return Unauthorized($"This route needs a key: send it in the {HeaderName} header.");
        }
        return presented.Count == 1 && CryptographicOperations.FixedTimeEquals(Hash(presented[0]!), _keyHash)
            ? null
            : Unauthorized($"The key in the {HeaderName} header is not valid.");
    }

    /// <summary>Checks the key before the function runs, on an endpoint whose function is not Anonymous.</summary>
    public static async ValueTask<object?> RequireAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.RequestServices.GetRequiredService<FunctionKeys>().Refusal(context.HttpContext.Request)
        ?? await next(context);

    private static IResult Unauthorized(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized.", detail: detail);

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
