using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ServerlessInventory.Testing.Shopify;

/// <summary>One call as the simulator answered it, in arrival order.</summary>
public sealed record ShopifyCall(long Sequence, string Operation, bool Throttled, int Quantities, double RequestedCost, TimeSpan At);

/// <summary>
/// Shopify's Admin GraphQL API for exactly what the product sends (API version 2026-04), on Kestrel on a free loopback
/// port: <c>POST /admin/api/{version}/graphql.json</c> with <c>X-Shopify-Access-Token</c>. It keeps <c>available</c>
/// per inventory item and location; <c>inventorySetQuantities</c> requires <c>@idempotent(key:)</c> (the same key with
/// the same variables answers the first result again without applying, with other variables is refused) and
/// <c>changeFromQuantity</c> on every quantity (explicit null opts out), answering <c>CHANGE_FROM_QUANTITY_STALE</c> for
/// each that does not match, all or nothing; <c>nodes</c> reads items' levels at a location; <c>location.inventoryLevels</c>
/// pages by cursor. Every call is charged to a leaky bucket (mutation 10; object 1; connection 2 + its nodes) and
/// answered <c>THROTTLED</c> when the bucket cannot hold its requested cost. The operations are recognised by their
/// field names, and their arguments read from the variables: no GraphQL parser.
/// </summary>
public sealed partial class ShopifyAdminSimulator : IAsyncDisposable
{
    public const string ApiVersion = "2026-04";

    private readonly WebApplication _app;
    private readonly string _contentRoot;
    private readonly Lock _gate = new();
    private readonly SortedDictionary<(long Item, long Location), int> _levels = [];
    private readonly Dictionary<string, (string Variables, JsonObject Answer)> _idempotent = new(StringComparer.Ordinal);
    private readonly List<ShopifyCall> _calls = [];
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private long _groups;

    private ShopifyAdminSimulator(WebApplication app, string contentRoot, ShopifyBucket bucket, string accessToken)
    {
        _app = app;
        _contentRoot = contentRoot;
        Bucket = bucket;
        AccessToken = accessToken;
    }

    public ShopifyBucket Bucket { get; }

    public string AccessToken { get; }

    public string ShopDomain { get; private set; } = "si-test.myshopify.com";

    /// <summary>The GraphQL endpoint, for <c>Catalog:Channels:{channel}:ShopifyEndpoint</c>.</summary>
    public Uri Endpoint { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Every call so far, in arrival order.</summary>
    public IReadOnlyList<ShopifyCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    public int StaleAnswers { get; private set; }

    /// <summary>Keys sent again whose first answer was returned without applying anything twice.</summary>
    public int IdempotentReplays { get; private set; }

    /// <summary>The item's <c>available</c> at the location; null where it is not stocked.</summary>
    public int? Level(long item, long location)
    {
        lock (_gate)
        {
            return _levels.TryGetValue((item, location), out var level) ? level : null;
        }
    }

    /// <summary>A merchant's edit in the Shopify admin: the level changes with nothing sent to the product.</summary>
    public void AdminSet(long item, long location, int available)
    {
        lock (_gate)
        {
            _levels[(item, location)] = available;
        }
    }

    public static async Task<ShopifyAdminSimulator> StartAsync(double restoreRate, double maximumAvailable, CancellationToken cancellationToken, TimeProvider? timeProvider = null, string accessToken = "shpat_simulator")
    {
        var contentRoot = Directory.CreateTempSubdirectory("si-shopify-").FullName;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = contentRoot, Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var simulator = new ShopifyAdminSimulator(app, contentRoot, new ShopifyBucket(maximumAvailable, restoreRate, timeProvider ?? TimeProvider.System), accessToken);
        app.MapPost("/admin/api/{version}/graphql.json", (HttpContext context, string version) => simulator.AnswerAsync(context, version));
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        simulator.Endpoint = new Uri($"{address.TrimEnd('/')}/admin/api/{ApiVersion}/graphql.json");
        return simulator;
    }

    /// <summary>
    /// Sends a webhook as Shopify does: the raw JSON body, <c>X-Shopify-Hmac-Sha256</c> (base64 HMAC-SHA256 of it with
    /// the app's client secret), topic, webhook id (the same on every retry of one delivery), shop, API version and when it fired.
    /// </summary>
    public async Task<HttpStatusCode> SendWebhookAsync(Uri url, string topic, JsonObject payload, string clientSecret, string? webhookId = null, CancellationToken cancellationToken = default)
    {
        var body = Encoding.UTF8.GetBytes(payload.ToJsonString());
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Shopify-Hmac-Sha256", Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(clientSecret), body)));
        request.Headers.Add("X-Shopify-Topic", topic);
        request.Headers.Add("X-Shopify-Webhook-Id", webhookId ?? Guid.NewGuid().ToString());
        request.Headers.Add("X-Shopify-Shop-Domain", ShopDomain);
        request.Headers.Add("X-Shopify-API-Version", ApiVersion);
        request.Headers.Add("X-Shopify-Triggered-At", DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        using var client = new HttpClient();
        using var response = await client.SendAsync(request, cancellationToken);
        return response.StatusCode;
    }

    private async Task<IResult> AnswerAsync(HttpContext context, string version)
    {
        var token = context.Request.Headers["X-Shopify-Access-Token"].FirstOrDefault() ?? "";
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(AccessToken)))
        {
            return Results.Json(new JsonObject { ["errors"] = "[API] Invalid API key or access token (unrecognized login or wrong password)" }, statusCode: 401);
        }
        if (version != ApiVersion)
        {
            return Results.NotFound();
        }
        var request = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject;
        var query = request?["query"]?.GetValue<string>() ?? "";
        var variables = request?["variables"] as JsonObject ?? [];
        var (operation, requested) = query switch
        {
            _ when query.Contains("inventorySetQuantities", StringComparison.Ordinal) => ("inventorySetQuantities", 10.0),
            _ when query.Contains("nodes(", StringComparison.Ordinal) => ("nodes", 1.0 + (2 * ((variables["ids"] as JsonArray)?.Count ?? 0))),
            _ when query.Contains("inventoryLevels(", StringComparison.Ordinal) => ("inventoryLevels", 2.0 + (3 * (variables["first"]?.GetValue<int>() ?? 0))),
            _ => ("unknown", 1.0),
        };
        var quantities = (variables["input"]?["quantities"] as JsonArray)?.Count ?? 0;
        var (taken, left) = Bucket.TryTake(requested);
        Record(operation, !taken, quantities, requested);
        if (!taken)
        {
            return Json(new JsonObject
            {
                ["errors"] = new JsonArray(new JsonObject
                {
                    ["message"] = "Throttled",
                    ["extensions"] = new JsonObject { ["code"] = "THROTTLED", ["documentation"] = "https://shopify.dev/api/usage/rate-limits" },
                }),
                ["extensions"] = Cost(requested, null, left),
            });
        }
        var (answer, actual) = operation switch
        {
            "inventorySetQuantities" => (SetQuantities(query, variables), requested),
            "nodes" => (ReadNodes(variables), requested),
            "inventoryLevels" => PageLevels(variables),
            _ => (Error("the simulator answers inventorySetQuantities, nodes and location.inventoryLevels only"), requested),
        };
        answer["extensions"] = Cost(requested, actual, Bucket.Refund(requested - actual));
        return Json(answer);
    }

    private JsonObject SetQuantities(string query, JsonObject variables)
    {
        if (IdempotencyKey().Match(query) is not { Success: true } key)
        {
            return Error("inventorySetQuantities requires the @idempotent directive with a key as of 2026-04");
        }
        var input = variables["input"] as JsonObject;
        var quantities = input?["quantities"] as JsonArray ?? [];
        if (input?["name"]?.GetValue<string>() != "available" || input["reason"] is null || quantities.Count is 0 or > 250)
        {
            return Error("input: name must be available, reason is required, quantities holds 1 to 250 items");
        }
        var text = variables.ToJsonString();
        lock (_gate)
        {
            if (_idempotent.TryGetValue(key.Groups[1].Value, out var seen))
            {
                if (seen.Variables != text)
                {
                    return Error("IDEMPOTENCY_KEY_PARAMETER_MISMATCH: the key was used with other variables");
                }
                IdempotentReplays++;
                return (JsonObject)seen.Answer.DeepClone();
            }
            var errors = new JsonArray();
            var sets = new List<((long, long) At, int Quantity)>();
            for (var i = 0; i < quantities.Count; i++)
            {
                var q = (JsonObject)quantities[i]!;
                var at = (IdOf(q["inventoryItemId"]), IdOf(q["locationId"]));
                if (!q.ContainsKey("changeFromQuantity"))
                {
                    errors.Add(UserError("CHANGE_FROM_QUANTITY_REQUIRED", i, "changeFromQuantity is required (null to opt out of the compare)"));
                    continue;
                }
                var current = _levels.TryGetValue(at, out var level) ? level : (int?)null;
                if (q["changeFromQuantity"] is JsonValue from && from.GetValue<int>() != current)
                {
                    StaleAnswers++;
                    errors.Add(UserError("CHANGE_FROM_QUANTITY_STALE", i, "The specified compare quantity does not match the current quantity."));
                    continue;
                }
                sets.Add((at, q["quantity"]!.GetValue<int>()));
            }
            JsonObject payload;
            if (errors.Count > 0)
            {
                payload = new JsonObject { ["inventoryAdjustmentGroup"] = null, ["userErrors"] = errors };
            }
            else
            {
                foreach (var (at, quantity) in sets)
                {
                    _levels[at] = quantity;
                }
                payload = new JsonObject { ["inventoryAdjustmentGroup"] = new JsonObject { ["id"] = $"gid://shopify/InventoryAdjustmentGroup/{++_groups}" }, ["userErrors"] = new JsonArray() };
            }
            var answer = new JsonObject { ["data"] = new JsonObject { ["inventorySetQuantities"] = payload } };
            _idempotent[key.Groups[1].Value] = (text, (JsonObject)answer.DeepClone());
            return answer;
        }
    }

    private JsonObject ReadNodes(JsonObject variables)
    {
        var location = IdOf(variables["location"]);
        var nodes = new JsonArray();
        lock (_gate)
        {
            foreach (var id in variables["ids"] as JsonArray ?? [])
            {
                var item = IdOf(id);
                nodes.Add(new JsonObject
                {
                    ["id"] = $"gid://shopify/InventoryItem/{item}",
                    ["inventoryLevel"] = _levels.TryGetValue((item, location), out var level) ? new JsonObject { ["quantities"] = Available(level) } : null,
                });
            }
        }
        return new JsonObject { ["data"] = new JsonObject { ["nodes"] = nodes } };
    }

    private (JsonObject Answer, double Actual) PageLevels(JsonObject variables)
    {
        var location = IdOf(variables["location"]);
        var first = variables["first"]!.GetValue<int>();
        var after = variables["after"]?.GetValue<string>() is { } cursor ? long.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(cursor)), System.Globalization.CultureInfo.InvariantCulture) : long.MinValue;
        List<KeyValuePair<(long Item, long Location), int>> page;
        bool more;
        lock (_gate)
        {
            var rest = _levels.Where(l => l.Key.Location == location && l.Key.Item > after).ToList();
            page = [.. rest.Take(first)];
            more = rest.Count > first;
        }
        var nodes = new JsonArray([.. page.Select(l => (JsonNode)new JsonObject
        {
            ["item"] = new JsonObject { ["id"] = $"gid://shopify/InventoryItem/{l.Key.Item}" },
            ["quantities"] = Available(l.Value),
        })]);
        var end = page.Count == 0 ? null : Convert.ToBase64String(Encoding.UTF8.GetBytes(page[^1].Key.Item.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var levels = new JsonObject { ["nodes"] = nodes, ["pageInfo"] = new JsonObject { ["hasNextPage"] = more, ["endCursor"] = end } };
        return (new JsonObject { ["data"] = new JsonObject { ["location"] = new JsonObject { ["inventoryLevels"] = levels } } }, 2 + (3 * page.Count));
    }

    private void Record(string operation, bool throttled, int quantities, double cost)
    {
        lock (_gate)
        {
            _calls.Add(new ShopifyCall(_calls.Count + 1, operation, throttled, quantities, cost, _clock.Elapsed));
        }
    }

    private JsonObject Cost(double requested, double? actual, double available) => new()
    {
        ["cost"] = new JsonObject
        {
            ["requestedQueryCost"] = requested,
            ["actualQueryCost"] = actual,
            ["throttleStatus"] = new JsonObject { ["maximumAvailable"] = Bucket.MaximumAvailable, ["currentlyAvailable"] = available, ["restoreRate"] = Bucket.RestoreRate },
        },
    };

    private static JsonArray Available(int level) => new(new JsonObject { ["name"] = "available", ["quantity"] = level });

    private static JsonObject UserError(string code, int index, string message) => new()
    {
        ["code"] = code,
        ["field"] = new JsonArray("input", "quantities", index.ToString(System.Globalization.CultureInfo.InvariantCulture), "changeFromQuantity"),
        ["message"] = message,
    };

    private static JsonObject Error(string message) => new() { ["errors"] = new JsonArray(new JsonObject { ["message"] = message }) };

    private static long IdOf(JsonNode? gid) => long.Parse(gid!.GetValue<string>()[(gid.GetValue<string>().LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    private static IResult Json(JsonObject body) => Results.Text(body.ToJsonString(), "application/json");

    [GeneratedRegex("@idempotent\\(key:\\s*\"([^\"]+)\"\\)")]
    private static partial Regex IdempotencyKey();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(_contentRoot, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: an empty folder in the temp directory.
        }
    }
}
