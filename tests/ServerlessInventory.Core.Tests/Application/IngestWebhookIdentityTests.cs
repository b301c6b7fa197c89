using ServerlessInventory.Core.Application;
using ServerlessInventory.Core.Ports;
using ServerlessInventory.Core.Tests.Support;
using RecordingEventPublisher = ServerlessInventory.Testing.RecordingEventPublisher;
using static ServerlessInventory.Core.Tests.Support.TestData;
using static ServerlessInventory.Core.Tests.Support.WebhookData;

namespace ServerlessInventory.Core.Tests.Application;

/// <summary>An event's identity at the webhook: (source, id), so channels that number alike never collide.</summary>
public sealed class IngestWebhookIdentityTests : IDisposable
{
    private const string PosSecret = "pos-secret";
    private const string WebSecret = "web-secret";

    private readonly CoreHarness _core = new(new Dictionary<string, string?>
    {
        ["Catalog:Channels:pos:Secret"] = PosSecret,
        ["Catalog:Channels:web:Secret"] = WebSecret,
    });

    private RecordingEventPublisher Publisher => (RecordingEventPublisher)_core.Get<IEventPublisher>();

    private Task<WebhookResult> Send(string channel, string secret, byte[] body) =>
        _core.Get<IngestWebhookHandler>().HandleAsync(Signed(channel, secret, body), CoreHarness.Ct);

    public void Dispose() => _core.Dispose();

    [Fact]
    public async Task HandleAsync_IdAnotherChannelAlreadySent_IsAcceptedNotDuplicate()
    {
        await Send("pos", PosSecret, Body(Received("1001", "pos", Sku1.Value, Store.Value, 4)));

        var result = await Send("web", WebSecret, Body(Received("1001", "web", OtherSku.Value, Warehouse.Value, 7)));

        var accepted = result.ShouldBeOfType<WebhookResult.Accepted>();
        accepted.AcceptedIds.ShouldBe(["1001"], "the answer lists the channel's own id");
        accepted.Duplicates.ShouldBeEmpty();
        Publisher.Published.Select(e => e.Key.Value).ShouldBe(["pos:1001", "web:1001"], ignoreOrder: true);
    }

    [Fact]
    public async Task HandleAsync_SameChannelResendsItsId_IsDuplicateByItsOwnId()
    {
        await Send("web", WebSecret, Body(Received("1001", "web", Sku1.Value, Store.Value, 4)));

        var result = await Send("web", WebSecret, Body(Received("1001", "web", Sku1.Value, Store.Value, 4)));

        var accepted = result.ShouldBeOfType<WebhookResult.Accepted>();
        accepted.AcceptedIds.ShouldBeEmpty();
        accepted.Duplicates.ShouldBe(["1001"]);
        Publisher.Published.Count.ShouldBe(1);
    }
}
