using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using ServerlessInventory.Core.Channels;

namespace ServerlessInventory.Benchmarks;

/// <summary>Signed webhook bodies of canonical CloudEvents, as a POS would send them, and the client that posts them.</summary>
internal sealed class WebhookLoad(HttpClient http)
{
    private static readonly MediaTypeHeaderValue _json = new("application/json");
    private static readonly DateTimeOffset _time = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    /// <summary>One webhook body of stock receipts, one per SKU given, each of <paramref name="quantity"/> units at store-1.</summary>
    public static byte[] Receipts(string run, int firstEvent, IEnumerable<string> skus, int quantity)
    {
        var body = new StringBuilder("[");
        var n = firstEvent;
        foreach (var sku in skus)
        {
            if (body.Length > 1)
            {
                body.Append(',');
            }
            body.Append(CultureInfo.InvariantCulture,
                $"{{\"specversion\":\"1.0\",\"id\":\"{run}-{n++}\",\"type\":\"inventory.stock.received\",\"source\":\"pos\",\"time\":\"{_time:O}\",")
                .Append(CultureInfo.InvariantCulture, $"\"data\":{{\"sku\":\"{sku}\",\"location\":\"store-1\",\"quantity\":{quantity}}}}}");
        }
        return Encoding.UTF8.GetBytes(body.Append(']').ToString());
    }

    /// <summary>Posts one signed body and insists on 202: a bench that silently lost requests would measure nothing.</summary>
    public async Task PostAsync(byte[] body, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = _json;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/pos") { Content = content };
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(PipelineHost.Secret, body));
        using var response = await http.SendAsync(request, cancellationToken);
        if ((int)response.StatusCode != 202)
        {
            throw new InvalidOperationException($"webhook answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }
}
