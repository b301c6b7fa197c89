using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace ServerlessInventory.LocalRunner.Tests.Support;

/// <summary>
/// The channels' secrets for the runners these tests start: every runner is given them on its command line, so the
/// tests never depend on the values in the runner's appsettings.json (only on its channel topology).
/// </summary>
public static class Secrets
{
    public static IReadOnlyDictionary<string, string> ByChannel { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["pos"] = "e2e-pos-secret",
        ["web"] = "e2e-web-secret",
        ["wholesale"] = "e2e-wholesale-secret",
    };

    public static string For(string channel) => ByChannel.TryGetValue(channel, out var secret)
        ? secret
        : "secret-of-a-channel-that-is-not-configured";

    /// <summary>The command-line settings that give each channel its secret.</summary>
    public static IEnumerable<KeyValuePair<string, string>> AsSettings() =>
        ByChannel.Select(c => KeyValuePair.Create($"Catalog:Channels:{c.Key}:Secret", c.Value));
}

/// <summary>Signing and building webhook bodies: canonical CloudEvents JSON, signed <c>X-Signature: sha256=&lt;hex&gt;</c>.</summary>
public static class Webhooks
{
    public const string SignatureHeader = "X-Signature";

    /// <summary><c>sha256=</c> and the lower-case hex HMAC-SHA256 of the raw body with the secret.</summary>
    public static string Sign(string secret, ReadOnlySpan<byte> body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public static bool Verify(string secret, ReadOnlySpan<byte> body, string? header) =>
        header is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, body)), Encoding.ASCII.GetBytes(header));

    public static byte[] Body(JsonNode events) => Encoding.UTF8.GetBytes(events.ToJsonString());

    public static byte[] Body(IEnumerable<JsonObject> events) => Body(new JsonArray([.. events.Select(e => (JsonNode)e.DeepClone())]));
}

/// <summary>Canonical inventory events (DESIGN §1) as a channel sends them.</summary>
public static class CloudEvents
{
    public static JsonObject Event(string id, string type, string source, DateTimeOffset? time, JsonObject data) => new()
    {
        ["specversion"] = "1.0",
        ["id"] = id,
        ["type"] = type,
        ["source"] = source,
        ["time"] = Time(time ?? DateTimeOffset.UtcNow),
        ["data"] = data,
    };

    public static JsonObject Received(string id, string source, string sku, string location, int quantity, DateTimeOffset? time = null) =>
        Event(id, "inventory.stock.received", source, time, new() { ["sku"] = sku, ["location"] = location, ["quantity"] = quantity });

    public static JsonObject Sale(string id, string source, string sku, string location, int quantity, DateTimeOffset? time = null) =>
        Event(id, "inventory.sale.recorded", source, time, new() { ["sku"] = sku, ["location"] = location, ["quantity"] = quantity });

    public static JsonObject Adjusted(string id, string source, string sku, string location, int delta, DateTimeOffset? time = null) =>
        Event(id, "inventory.stock.adjusted", source, time, new() { ["sku"] = sku, ["location"] = location, ["delta"] = delta, ["reason"] = "correction" });

    public static JsonObject Damaged(string id, string source, string sku, string location, int quantity, DateTimeOffset? time = null) =>
        Event(id, "inventory.stock.damaged", source, time, new() { ["sku"] = sku, ["location"] = location, ["quantity"] = quantity });

    public static JsonObject Counted(string id, string source, string sku, string location, int counted, DateTimeOffset countedAt, DateTimeOffset? time = null) =>
        Event(id, "inventory.stock.counted", source, time, new() { ["sku"] = sku, ["location"] = location, ["counted"] = counted, ["countedAt"] = Time(countedAt) });

    public static JsonObject TransferShipped(string id, string source, string transferId, string sku, string from, string to, int quantity, DateTimeOffset? time = null) =>
        Event(id, "inventory.transfer.shipped", source, time, new()
        {
            ["transferId"] = transferId, ["sku"] = sku, ["fromLocation"] = from, ["toLocation"] = to, ["quantity"] = quantity,
        });

    public static JsonObject TransferReceived(string id, string source, string transferId, string sku, string to, int quantity, DateTimeOffset? time = null) =>
        Event(id, "inventory.transfer.received", source, time, new() { ["transferId"] = transferId, ["sku"] = sku, ["toLocation"] = to, ["quantity"] = quantity });

    private static string Time(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}

/// <summary>Names unique to one test run, so tests sharing a runner never touch each other's SKUs or event ids.</summary>
public static class Unique
{
    private static readonly string _run = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();

    public static string Sku(string test) => $"E2E-{test}-{_run}";

    public static string Id(string prefix) => $"{prefix}-{Guid.NewGuid():N}";
}
