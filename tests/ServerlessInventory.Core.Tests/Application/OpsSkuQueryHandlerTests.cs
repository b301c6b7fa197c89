using ServerlessInventory.Core.Application;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;
using ServerlessInventory.Core.Tests.Support;
using static ServerlessInventory.Core.Tests.Support.TestData;

namespace ServerlessInventory.Core.Tests.Application;

/// <summary>The console's SKU lookups: a SKU's push state per channel, and a channel's SKU through its mapping.</summary>
public sealed class OpsSkuQueryHandlerTests : IDisposable
{
    private readonly CoreHarness _core = new(new Dictionary<string, string?>
    {
        ["Catalog:Channels:web:SkuMap:CASE-1:Sku"] = Sku1.Value,
        ["Catalog:Channels:web:SkuMap:CASE-1:UnitFactor"] = "12",
        ["Catalog:Channels:pos:RequireSkuMapping"] = "true",
    });

    public void Dispose() => _core.Dispose();

    [Fact]
    public async Task Pushes_SomeChannelsPushedOneOwed_EveryConfiguredChannelInNameOrderThenOnesNoLongerConfigured()
    {
        await _core.Get<IPushStateStore>().SaveAsync(
        [
            new PushState(new ChannelId("web"), Sku1, 7, 3, Delivered: true, Start),
            new PushState(new ChannelId("retired"), Sku1, 2, 5, Delivered: false, Start),
            new PushState(new ChannelId("web"), new Sku("SKU-OTHER"), 9, 1, Delivered: false, Start),
        ], CoreHarness.Ct);

        var views = await _core.Get<QuerySkuPushesHandler>().HandleAsync(Sku1, CoreHarness.Ct);

        views.Select(v => v.Channel.Value).ShouldBe(["pos", "retired", "web"]);
        views[0].ShouldBe(new ChannelPushView(new ChannelId("pos"), Configured: true, Latest: null));
        views[0].Owed.ShouldBeFalse();
        views[1].Configured.ShouldBeFalse();
        views[1].Owed.ShouldBeTrue();
        views[2].Latest.ShouldNotBeNull().Available.ShouldBe(7);
        views[2].Owed.ShouldBeFalse();
    }

    [Fact]
    public async Task Resolve_MappedChannelSku_NamesTheMasterSkuAndUnitFactor()
    {
        var view = await _core.Get<ResolveChannelSkuHandler>().HandleAsync(new ChannelId("web"), "CASE-1", CoreHarness.Ct);

        view.ShouldBe(new ChannelSkuView(new ChannelId("web"), "CASE-1", Sku1, 12, Mapped: true));
    }

    [Fact]
    public async Task Resolve_UnmappedChannelSku_IsTheMasterSkuItself()
    {
        var view = await _core.Get<ResolveChannelSkuHandler>().HandleAsync(new ChannelId("web"), "SKU-9", CoreHarness.Ct);

        view.ShouldBe(new ChannelSkuView(new ChannelId("web"), "SKU-9", new Sku("SKU-9"), 1, Mapped: false));
    }

    [Fact]
    public async Task Resolve_UnmappedSkuOnAChannelRequiringMappings_IsNotFound()
    {
        (await _core.Get<ResolveChannelSkuHandler>().HandleAsync(new ChannelId("pos"), "SKU-9", CoreHarness.Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task Resolve_UnknownChannel_IsNotFound()
    {
        (await _core.Get<ResolveChannelSkuHandler>().HandleAsync(new ChannelId("nowhere"), "CASE-1", CoreHarness.Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task Resolve_BlankSku_ThrowsNamingChannelSku()
    {
        var error = await Should.ThrowAsync<DomainValidationException>(() => _core.Get<ResolveChannelSkuHandler>().HandleAsync(new ChannelId("web"), " ", CoreHarness.Ct));

        error.Field.ShouldBe("channelSku");
    }
}
