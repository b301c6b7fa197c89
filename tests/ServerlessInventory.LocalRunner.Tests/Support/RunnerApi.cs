using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ServerlessInventory.LocalRunner.Tests.Support;

/// <summary>The runner's public HTTP contract (DESIGN §3) as the tests call it: raw responses where status matters, bodies parsed where it does not.</summary>
public sealed class RunnerApi(HttpClient http)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public HttpClient Http { get; } = http;

    // ---- webhooks ----

    /// <summary>
    /// POSTs a raw body to <c>/api/webhooks/{channel}</c> with the given X-Signature (none when null); with
    /// <paramref name="chunked"/>, without Content-Length, so the server learns the size only by reading.
    /// </summary>
    public async Task<HttpResponseMessage> PostWebhookRawAsync(string channel, byte[] body, string? signature, CancellationToken cancellationToken, bool chunked = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/webhooks/{channel}") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TransferEncodingChunked = chunked;
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation(Webhooks.SignatureHeader, signature);
        }
        return await Http.SendAsync(request, cancellationToken);
    }

    /// <summary>Signs with the channel's secret and POSTs the body exactly as given.</summary>
    public Task<HttpResponseMessage> PostWebhookAsync(string channel, byte[] body, CancellationToken cancellationToken, bool chunked = false) =>
        PostWebhookRawAsync(channel, body, Webhooks.Sign(Secrets.For(channel), body), cancellationToken, chunked);

    /// <summary>Sends one event or a batch, signed, and requires 202; returns what the runner accepted.</summary>
    public async Task<WebhookAccepted> SendEventsAsync(string channel, IReadOnlyList<JsonObject> events, CancellationToken cancellationToken)
    {
        var body = Webhooks.Body(events);
        using var response = await PostWebhookAsync(channel, body, cancellationToken);
        return await ReadAcceptedAsync(response, cancellationToken);
    }

    /// <summary>Sends one event (a JSON object, not a batch), signed, and requires 202.</summary>
    public async Task<WebhookAccepted> SendEventAsync(string channel, JsonObject oneEvent, CancellationToken cancellationToken)
    {
        using var response = await PostWebhookAsync(channel, Webhooks.Body(oneEvent), cancellationToken);
        return await ReadAcceptedAsync(response, cancellationToken);
    }

    public static async Task<WebhookAccepted> ReadAcceptedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, $"webhook answered {(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<WebhookAccepted>(text, Json)!;
    }

    // ---- reservations ----

    public async Task<HttpResponseMessage> ReserveRawAsync(ReserveRequest request, CancellationToken cancellationToken) =>
        await Http.PostAsJsonAsync("api/reservations", request, Json, cancellationToken);

    public async Task<HttpResponseMessage> ConfirmRawAsync(string reservationId, string orderId, CancellationToken cancellationToken) =>
        await Http.PostAsJsonAsync($"api/reservations/{Uri.EscapeDataString(reservationId)}/confirm", new { orderId }, Json, cancellationToken);

    // ---- queries ----

    public async Task<InventoryView> GetInventoryAsync(string sku, CancellationToken cancellationToken) =>
        (await GetJsonAsync<InventoryView>($"api/inventory/{Uri.EscapeDataString(sku)}", cancellationToken))!;

    /// <summary>The whole ledger of a SKU (newest first), following continuations, at most 20 pages.</summary>
    public async Task<IReadOnlyList<LedgerEntryView>> GetLedgerAsync(string sku, CancellationToken cancellationToken)
    {
        var entries = new List<LedgerEntryView>();
        string? continuation = null;
        for (var page = 0; page < 20; page++)
        {
            var path = $"api/inventory/{Uri.EscapeDataString(sku)}/ledger?pageSize=500"
                + (continuation is null ? "" : "&continuation=" + Uri.EscapeDataString(continuation));
            var body = (await GetJsonAsync<Page<LedgerEntryView>>(path, cancellationToken))!;
            entries.AddRange(body.Items);
            continuation = body.Continuation;
            if (continuation is null)
            {
                return entries;
            }
        }
        throw new InvalidOperationException($"the ledger of {sku} has more than 20 pages");
    }

    public async Task<int> GetAvailableAsync(string channel, string sku, CancellationToken cancellationToken)
    {
        var body = (await GetJsonAsync<AvailabilityView>($"api/availability?channel={Uri.EscapeDataString(channel)}&sku={Uri.EscapeDataString(sku)}", cancellationToken))!;
        body.Channel.ShouldBe(channel);
        return body.Items.ShouldHaveSingleItem().Available;
    }

    /// <summary>Every parked event, following continuations, at most 20 pages.</summary>
    public async Task<IReadOnlyList<ParkedView>> ListParkedAsync(CancellationToken cancellationToken)
    {
        var items = new List<ParkedView>();
        string? continuation = null;
        for (var page = 0; page < 20; page++)
        {
            var path = "api/ops/parked?pageSize=500" + (continuation is null ? "" : "&continuation=" + Uri.EscapeDataString(continuation));
            var body = (await GetJsonAsync<Page<ParkedView>>(path, cancellationToken))!;
            items.AddRange(body.Items);
            continuation = body.Continuation;
            if (continuation is null)
            {
                return items;
            }
        }
        throw new InvalidOperationException("more than 20 pages of parked events");
    }

    public async Task<T?> GetJsonAsync<T>(string path, CancellationToken cancellationToken)
    {
        using var response = await Http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<T>(text, Json);
    }
}

public sealed record WebhookAccepted(IReadOnlyList<string> Accepted, IReadOnlyList<string> Duplicates, IReadOnlyList<ParkedSummaryView> Parked);

public sealed record ParkedSummaryView(string Id, string Reason);

public sealed record ReserveRequest(string Sku, int Quantity, string Channel, string? Location = null, string? ReservationId = null, int? TtlSeconds = null);

public sealed record ReservationView(string ReservationId, string Sku, string Location, string Channel, int Quantity, DateTimeOffset ExpiresAt, string Status);

public sealed record InsufficientStockView(string Error, int Available);

public sealed record PositionView(string Location, int OnHand, int Unsellable, int Committed, int Reserved, int SafetyStock, int Incoming, int AvailableToSell);

public sealed record ChannelAvailabilityView(string Channel, int Available);

public sealed record InventoryView(string Sku, IReadOnlyList<PositionView> Locations, IReadOnlyList<ChannelAvailabilityView> Channels)
{
    /// <summary>The position at a location; a location never touched reads as all zeros.</summary>
    public PositionView At(string location) =>
        Locations.SingleOrDefault(p => p.Location == location) ?? new PositionView(location, 0, 0, 0, 0, 0, 0, 0);
}

public sealed record LedgerEntryView(long Version, DateTimeOffset AppliedAt, JsonElement Event, IReadOnlyList<string> Flags)
{
    public string EventId => Event.GetProperty("id").GetString()!;

    public string EventType => Event.GetProperty("type").GetString()!;
}

public sealed record SkuAvailabilityView(string Sku, int Available, string? Location = null);

public sealed record AvailabilityView(string Channel, IReadOnlyList<SkuAvailabilityView> Items);

public sealed record ParkedView(string Id, string Channel, string? EventId, string Field, string Reason, JsonElement Payload);

public sealed record Page<T>(IReadOnlyList<T> Items, string? Continuation);
