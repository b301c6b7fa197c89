using ServerlessInventory.LocalRunner.Tests.Support;

namespace ServerlessInventory.LocalRunner.Tests;

/// <summary>An event's identity is (source, id), as CloudEvents defines it: channels number their events independently.</summary>
public sealed class EventIdentityTests(IngestionRunnerFixture fixture) : IClassFixture<IngestionRunnerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Webhook_TwoChannelsSendTheSameId_BothApplied()
    {
        var skuB = Unique.Sku("ID-B");
        var skuC = Unique.Sku("ID-C");
        var id = Unique.Id("1001");

        var fromPos = await fixture.Api.SendEventAsync("pos", CloudEvents.Received(id, "pos", skuB, "store-1", 4), Ct);
        var fromWeb = await fixture.Api.SendEventAsync("web", CloudEvents.Received(id, "web", skuC, "dc-1", 7), Ct);

        fromPos.Accepted.ShouldBe([id]);
        fromWeb.Accepted.ShouldBe([id], "web's 1001 is not pos's 1001");
        fromWeb.Duplicates.ShouldBeEmpty();
        await fixture.Runner.WaitForAppliedAsync(skuB, id, Ct);
        await fixture.Runner.WaitForAppliedAsync(skuC, id, Ct);
        (await fixture.Api.GetInventoryAsync(skuB, Ct)).At("store-1").OnHand.ShouldBe(4);
        (await fixture.Api.GetInventoryAsync(skuC, Ct)).At("dc-1").OnHand.ShouldBe(7);
    }

    [Fact]
    public async Task Webhook_TwoChannelsSendTheSameIdForOneSku_BothInItsLedger()
    {
        var sku = Unique.Sku("ID-SHARED");
        var id = Unique.Id("1001");

        await fixture.Runner.SendAndWaitAsync("pos", sku, Ct, CloudEvents.Received(id, "pos", sku, "store-1", 4));
        var fromWeb = await fixture.Api.SendEventAsync("web", CloudEvents.Received(id, "web", sku, "dc-1", 7), Ct);
        var resent = await fixture.Api.SendEventAsync("web", CloudEvents.Received(id, "web", sku, "dc-1", 7), Ct);

        fromWeb.Accepted.ShouldBe([id]);
        resent.Duplicates.ShouldBe([id], "web resending its own 1001 is a duplicate");
        // Applied after everything sent before it (one session per SKU), so nothing of web's can still be on its way.
        var sentinel = Unique.Id("sentinel");
        await fixture.Runner.SendAndWaitAsync("web", sku, Ct, CloudEvents.Received(sentinel, "web", sku, "dc-1", 1));
        var ledger = await fixture.Api.GetLedgerAsync(sku, Ct);
        ledger.Select(e => (e.EventId, Source: e.Event.GetProperty("source").GetString())).ShouldBe([(sentinel, "web"), (id, "web"), (id, "pos")]);
        var inventory = await fixture.Api.GetInventoryAsync(sku, Ct);
        inventory.At("store-1").OnHand.ShouldBe(4);
        inventory.At("dc-1").OnHand.ShouldBe(7 + 1);
    }
}
