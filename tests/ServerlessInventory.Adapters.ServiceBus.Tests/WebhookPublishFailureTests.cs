using System.Security.Cryptography;
using System.Text;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ServerlessInventory.Adapters.ServiceBus.Tests.Support;
using ServerlessInventory.Core.Application;
using ServerlessInventory.Core.Ports;
using ServerlessInventory.Testing;

namespace ServerlessInventory.Adapters.ServiceBus.Tests;

/// <summary>The webhook handler over the Service Bus publisher: a send the SDK gave up on is "try again", never a lost 202.</summary>
public sealed class WebhookPublishFailureTests : IDisposable
{
    private const string Secret = "pos-secret";
    private readonly RecordingSender _sender = new(256 * 1024);
    private readonly CoreHarness _core;

    public WebhookPublishFailureTests()
    {
        var settings = new Dictionary<string, string?>(CoreHarness.DefaultSettings) { ["Catalog:Channels:pos:Secret"] = Secret };
        _core = new CoreHarness(new UnusedInventoryStore(), settings, configure: services => services.AddSingleton<IEventPublisher>(
            new ServiceBusEventPublisher(_sender, Options.Create(new ServiceBusPublisherOptions { FullyQualifiedNamespace = "contoso.servicebus.windows.net" }), NullLogger<ServiceBusEventPublisher>.Instance)));
    }

    public void Dispose() => _core.Dispose();

    private Task<WebhookResult> SendAsync(byte[] body)
    {
        var signature = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), body));
        return _core.Get<IngestWebhookHandler>().HandleAsync(
            new WebhookRequest("pos", body, name => name == "X-Signature" ? signature : null), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task HandleAsync_SendFails_IsUnavailableAndTheSameRequestLaterIsAcceptedWhole()
    {
        var body = Encoding.UTF8.GetBytes("""[{"specversion":"1.0","id":"w-1","type":"inventory.stock.received","source":"pos","time":"2026-11-01T09:00:00Z","data":{"sku":"TSHIRT-M","location":"store-1","quantity":10}}]""");
        _sender.FailSends = new ServiceBusException("throttled", ServiceBusFailureReason.ServiceBusy);

        (await SendAsync(body)).ShouldBeOfType<WebhookResult.Unavailable>();
        _sender.Sent.ShouldBeEmpty();

        _sender.FailSends = null;
        (await SendAsync(body)).ShouldBeOfType<WebhookResult.Accepted>().AcceptedIds.ShouldBe(["w-1"]);
        _sender.Sent.ShouldHaveSingleItem().ShouldHaveSingleItem().MessageId.ShouldBe("pos:w-1");
    }
}
