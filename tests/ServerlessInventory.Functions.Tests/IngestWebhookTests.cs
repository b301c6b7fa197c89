using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServerlessInventory.Adapters.Sqlite;
using ServerlessInventory.Core.Application;
using ServerlessInventory.Core.Events;
using ServerlessInventory.Core.Ports;
using ServerlessInventory.Functions.Http;
using ServerlessInventory.Testing;

namespace ServerlessInventory.Functions.Tests;

/// <summary>
/// The webhook function's answer when the topic cannot take the events: 503 problem+json ("send it again"), never a
/// 202 for events that were not queued, and nothing kept that would make the retry a duplicate.
/// </summary>
public sealed class IngestWebhookTests : IDisposable
{
    private const string Secret = "pos-secret";
    private readonly string _folder = Directory.CreateTempSubdirectory("si-webhook-").FullName;
    private readonly SqliteDatabase _database;
    private readonly SwitchablePublisher _publisher = new();
    private readonly CoreHarness _core;

    public IngestWebhookTests()
    {
        _database = new SqliteDatabase(new SqliteOptions { DatabasePath = Path.Combine(_folder, "webhook.db") });
        var settings = new Dictionary<string, string?>(CoreHarness.DefaultSettings) { ["Catalog:Channels:pos:Secret"] = Secret };
        _core = new CoreHarness(new SqliteInventoryStore(_database), settings, configure: services => services.AddSingleton<IEventPublisher>(_publisher));
    }

    public void Dispose()
    {
        _core.Dispose();
        _database.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Run_PublishFails_Answers503ProblemJsonAndTheSameRequestLaterIsAcceptedWhole()
    {
        // Dated within the harness clock (EventFactory.Epoch + 1 day), so neither is parked as future-dated.
        const string body = """[{"specversion":"1.0","id":"w-1","type":"inventory.stock.received","source":"pos","time":"2026-11-01T10:00:00Z","data":{"sku":"TSHIRT-M","location":"store-1","quantity":10}},{"specversion":"1.0","id":"w-2","type":"inventory.sale.recorded","source":"pos","time":"2026-11-01T10:01:00Z","data":{"sku":"TSHIRT-M","location":"store-1","quantity":2}}]""";
        _publisher.Down = true;

        var unavailable = (await Run(body)).ShouldBeOfType<ObjectResult>();

        unavailable.StatusCode.ShouldBe(StatusCodes.Status503ServiceUnavailable);
        unavailable.ContentTypes.ShouldBe(["application/problem+json"]);
        unavailable.Value.ShouldBeOfType<ProblemDetails>().Status.ShouldBe(StatusCodes.Status503ServiceUnavailable);
        _publisher.Inner.Published.ShouldBeEmpty();

        _publisher.Down = false;
        var accepted = (await Run(body)).ShouldBeOfType<ObjectResult>();

        accepted.StatusCode.ShouldBe(StatusCodes.Status202Accepted);
        var answer = accepted.Value.ShouldBeOfType<WebhookAccepted>();
        answer.Accepted.ShouldBe(["w-1", "w-2"]);
        answer.Duplicates.ShouldBeEmpty();
        _publisher.Inner.Published.Select(e => e.Id.Value).Order(StringComparer.Ordinal).ShouldBe(["w-1", "w-2"]);
    }

    private Task<IActionResult> Run(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Post;
        context.Request.ContentType = "application/json";
        context.Request.ContentLength = bytes.Length;
        context.Request.Body = new MemoryStream(bytes);
        context.Request.Headers["X-Signature"] = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), bytes));
        var function = new IngestWebhook(_core.Get<IngestWebhookHandler>(), _core.Get<IOptions<WebhookOptions>>());
        return function.Run(context.Request, "pos", TestContext.Current.CancellationToken);
    }

    /// <summary>A topic that can be taken down: while down every publish fails as the Service Bus publisher's does.</summary>
    private sealed class SwitchablePublisher : IEventPublisher
    {
        public RecordingEventPublisher Inner { get; } = new();

        public bool Down { get; set; }

        public Task<PublishResult> PublishAsync(IReadOnlyList<InventoryEvent> events, CancellationToken cancellationToken) =>
            Down ? throw new EventPublishException("the topic is unreachable") : Inner.PublishAsync(events, cancellationToken);
    }
}
