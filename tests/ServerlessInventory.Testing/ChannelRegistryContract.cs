using ServerlessInventory.Core.Availability;
using ServerlessInventory.Core.Channels;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;
using Shouldly;
using Xunit;

namespace ServerlessInventory.Testing;

/// <summary>
/// What every <see cref="IChannelRegistry"/> must do, whatever it runs on. A store's test project inherits this class
/// and says how to create the registry; the tests stay unchanged. Each test registers channels of its own and looks
/// only at those, so a registry may be shared between tests.
/// </summary>
public abstract class ChannelRegistryContract : PortContract<IChannelRegistry>
{
    [Fact]
    public async Task Get_Unknown_ReturnsNull()
    {
        (await Port.GetAsync(NewChannel(), Cancellation)).ShouldBeNull();
    }

    [Fact]
    public async Task Upsert_New_CreatesItAndRoundTripsEveryField()
    {
        var full = Full(NewChannel());

        var result = await Port.UpsertAsync(full, Cancellation);

        result.Outcome.ShouldBe(ChannelSaveOutcome.Created);
        result.ConcurrencyToken.ShouldNotBeNullOrEmpty();
        var stored = (await Port.GetAsync(full.Channel, Cancellation)).ShouldNotBeNull();
        stored.SameContentAs(full).ShouldBeTrue();
        stored.ConcurrencyToken.ShouldBe(result.ConcurrencyToken);
    }

    [Fact]
    public async Task Upsert_ReportOnlyChannelWithCap_RoundTrips()
    {
        var bare = ChannelRegistration.Bare(NewChannel()) with { Allocation = Allocation.Cap(0), Buffer = 0 };

        await Port.UpsertAsync(bare, Cancellation);

        var stored = (await Port.GetAsync(bare.Channel, Cancellation)).ShouldNotBeNull();
        stored.SameContentAs(bare).ShouldBeTrue();
        stored.ToPolicy().ShouldBeNull();
    }

    [Fact]
    public async Task Upsert_LevelsUrl_IsKeptAndAnEditWithoutOneClearsIt()
    {
        var pulled = ChannelRegistration.Bare(NewChannel(), new LocationId("store-1")) with { LevelsUrl = new Uri("http://127.0.0.1:9/levels/pos") };
        var created = await Port.UpsertAsync(pulled, Cancellation);

        (await Port.GetAsync(pulled.Channel, Cancellation)).ShouldNotBeNull().LevelsUrl.ShouldBe(pulled.LevelsUrl);
        await Port.UpsertAsync(pulled with { LevelsUrl = null, ConcurrencyToken = created.ConcurrencyToken }, Cancellation);

        (await Port.GetAsync(pulled.Channel, Cancellation)).ShouldNotBeNull().LevelsUrl.ShouldBeNull();
    }

    [Fact]
    public async Task Upsert_WithTheLatestToken_ReplacesItAndIssuesANewToken()
    {
        var first = Full(NewChannel());
        var created = await Port.UpsertAsync(first, Cancellation);
        var edit = ChannelRegistration.Bare(first.Channel, new LocationId("dc-9")) with { Buffer = 2, ConcurrencyToken = created.ConcurrencyToken };

        var updated = await Port.UpsertAsync(edit, Cancellation);

        updated.Outcome.ShouldBe(ChannelSaveOutcome.Updated);
        updated.ConcurrencyToken.ShouldNotBe(created.ConcurrencyToken);
        var stored = (await Port.GetAsync(first.Channel, Cancellation)).ShouldNotBeNull();
        stored.SameContentAs(edit).ShouldBeTrue("mappings left out of the edit are gone");
        stored.ConcurrencyToken.ShouldBe(updated.ConcurrencyToken);
    }

    [Fact]
    public async Task Upsert_StaleToken_ConflictsAndChangesNothing()
    {
        var first = Full(NewChannel());
        var created = await Port.UpsertAsync(first, Cancellation);
        var second = await Port.UpsertAsync(first with { Buffer = 5, ConcurrencyToken = created.ConcurrencyToken }, Cancellation);

        var stale = await Port.UpsertAsync(first with { Buffer = 9, SkuMap = new Dictionary<string, SkuMapping>(), ConcurrencyToken = created.ConcurrencyToken }, Cancellation);

        stale.ShouldBe(new ChannelSaveResult(ChannelSaveOutcome.Conflict, null));
        var stored = (await Port.GetAsync(first.Channel, Cancellation)).ShouldNotBeNull();
        stored.SameContentAs(first with { Buffer = 5 }).ShouldBeTrue();
        stored.ConcurrencyToken.ShouldBe(second.ConcurrencyToken);
    }

    [Fact]
    public async Task Upsert_NoTokenForAChannelAlreadyRegistered_Conflicts()
    {
        var first = Full(NewChannel());
        await Port.UpsertAsync(first, Cancellation);

        (await Port.UpsertAsync(first with { Buffer = 3 }, Cancellation)).Outcome.ShouldBe(ChannelSaveOutcome.Conflict);
        (await Port.GetAsync(first.Channel, Cancellation)).ShouldNotBeNull().Buffer.ShouldBe(first.Buffer);
    }

    [Fact]
    public async Task Upsert_TokenOfARemovedChannel_Conflicts()
    {
        var first = Full(NewChannel());
        var created = await Port.UpsertAsync(first, Cancellation);
        await Port.RemoveAsync(first.Channel, null, Cancellation);

        (await Port.UpsertAsync(first with { ConcurrencyToken = created.ConcurrencyToken }, Cancellation)).Outcome.ShouldBe(ChannelSaveOutcome.Conflict);
        (await Port.GetAsync(first.Channel, Cancellation)).ShouldBeNull();
    }

    [Fact]
    public async Task Upsert_TwoEditsFromTheSameRead_ExactlyOneWins()
    {
        var created = Full(NewChannel());
        await Port.UpsertAsync(created, Cancellation);
        var first = (await Port.GetAsync(created.Channel, Cancellation)).ShouldNotBeNull();

        var results = await Task.WhenAll(
            Task.Run(() => Port.UpsertAsync(first with { Buffer = 1 }, Cancellation), Cancellation),
            Task.Run(() => Port.UpsertAsync(first with { Buffer = 2 }, Cancellation), Cancellation));

        results.Count(r => r.Saved).ShouldBe(1);
        var winner = results[0].Saved ? 1 : 2;
        (await Port.GetAsync(first.Channel, Cancellation)).ShouldNotBeNull().Buffer.ShouldBe(winner);
    }

    [Fact]
    public async Task Upsert_ThousandsOfSkuMappings_RoundTripsThemAll()
    {
        var skus = Enumerable.Range(0, 2_500).ToDictionary(i => $"EXT-{i:D5}", i => new SkuMapping(new Sku($"SKU-{i}"), i % 3 + 1), StringComparer.Ordinal);
        var big = Full(NewChannel()) with { SkuMap = skus };

        await Port.UpsertAsync(big, Cancellation);

        (await Port.GetAsync(big.Channel, Cancellation)).ShouldNotBeNull().SameContentAs(big).ShouldBeTrue();
    }

    [Fact]
    public async Task Upsert_VariantMap_RoundTripsApartFromTheSkuMap()
    {
        var channel = Full(NewChannel());

        await Port.UpsertAsync(channel, Cancellation);

        var read = (await Port.GetAsync(channel.Channel, Cancellation)).ShouldNotBeNull();
        read.VariantMap.Count.ShouldBe(2);
        read.VariantMap["808950810"].ShouldBe(new SkuMapping(new Sku("TSHIRT-M"), 1));
        read.VariantMap["CASE-12"].ShouldBe(new SkuMapping(new Sku("TSHIRT-L"), 6), "a variant key may equal a channel SKU key and still map on its own");
        read.SkuMap["CASE-12"].ShouldBe(new SkuMapping(new Sku("TSHIRT-M"), 12));
        read.SkuMap.ContainsKey("808950810").ShouldBeFalse();
    }

    [Fact]
    public async Task Upsert_EditThatDropsTheVariants_LeavesNoneBehind()
    {
        var created = Full(NewChannel());
        var token = (await Port.UpsertAsync(created, Cancellation)).ConcurrencyToken;

        await Port.UpsertAsync(created with { VariantMap = new Dictionary<string, SkuMapping>(), ConcurrencyToken = token }, Cancellation);

        (await Port.GetAsync(created.Channel, Cancellation)).ShouldNotBeNull().VariantMap.ShouldBeEmpty();
    }

    [Fact]
    public async Task List_RegisteredChannels_ReturnsOursOrderedById()
    {
        var prefix = NewKey("channel");
        var ids = new[] { prefix + "-b", prefix + "-a", prefix + "-c" };
        foreach (var id in ids)
        {
            await Port.UpsertAsync(Full(new ChannelId(id)), Cancellation);
        }

        var listed = (await Port.ListAsync(Cancellation)).Where(c => c.Channel.Value.StartsWith(prefix, StringComparison.Ordinal)).ToList();

        listed.Select(c => c.Channel.Value).ShouldBe([prefix + "-a", prefix + "-b", prefix + "-c"]);
        listed.ShouldAllBe(c => c.SameContentAs(Full(c.Channel)) && c.ConcurrencyToken != null);
    }

    [Fact]
    public async Task Remove_Registered_RemovesItAndIsGone()
    {
        var channel = Full(NewChannel());
        await Port.UpsertAsync(channel, Cancellation);

        (await Port.RemoveAsync(channel.Channel, null, Cancellation)).ShouldBe(ChannelRemoveOutcome.Removed);

        (await Port.GetAsync(channel.Channel, Cancellation)).ShouldBeNull();
        (await Port.ListAsync(Cancellation)).ShouldNotContain(c => c.Channel == channel.Channel);
        (await Port.UpsertAsync(channel, Cancellation)).Outcome.ShouldBe(ChannelSaveOutcome.Created, "a removed channel can be registered again");
        (await Port.GetAsync(channel.Channel, Cancellation)).ShouldNotBeNull().SameContentAs(channel).ShouldBeTrue();
    }

    [Fact]
    public async Task Remove_Unknown_IsNotRegistered()
    {
        (await Port.RemoveAsync(NewChannel(), null, Cancellation)).ShouldBe(ChannelRemoveOutcome.NotRegistered);
        (await Port.RemoveAsync(NewChannel(), "some-token", Cancellation)).ShouldBe(ChannelRemoveOutcome.NotRegistered);
    }

    [Fact]
    public async Task Remove_TokenOfTheCurrentRead_Removes()
    {
        var channel = Full(NewChannel());
        var created = await Port.UpsertAsync(channel, Cancellation);

        (await Port.RemoveAsync(channel.Channel, created.ConcurrencyToken, Cancellation)).ShouldBe(ChannelRemoveOutcome.Removed);

        (await Port.GetAsync(channel.Channel, Cancellation)).ShouldBeNull();
    }

    [Fact]
    public async Task Remove_TokenOfAnEarlierRead_ConflictsAndKeepsTheLaterEdit()
    {
        var channel = Full(NewChannel());
        var created = await Port.UpsertAsync(channel, Cancellation);
        var edited = channel with { Buffer = channel.Buffer + 1, ConcurrencyToken = created.ConcurrencyToken };
        (await Port.UpsertAsync(edited, Cancellation)).Outcome.ShouldBe(ChannelSaveOutcome.Updated);

        (await Port.RemoveAsync(channel.Channel, created.ConcurrencyToken, Cancellation)).ShouldBe(ChannelRemoveOutcome.Conflict);

        (await Port.GetAsync(channel.Channel, Cancellation)).ShouldNotBeNull().SameContentAs(edited).ShouldBeTrue("a removal made on a stale read discards no later edit");
    }

    private static ChannelId NewChannel() => new(NewKey("channel"));

    /// <summary>Every field set, with external ids a table key could not hold as they are.</summary>
    protected static ChannelRegistration Full(ChannelId channel) => new(
        channel,
        [new LocationId("store-1"), new LocationId("dc-1")],
        Buffer: 2,
        Allocation.Percent(40),
        WebhookFormat.Shopify,
        new Uri("https://shop.example.com/hooks/availability?x=1"),
        new Dictionary<string, SkuMapping>(StringComparer.Ordinal)
        {
            ["CASE-12"] = new(new Sku("TSHIRT-M"), 12),
            ["a/b#c?d\\e%f"] = new(new Sku("ODD-1"), 1),
            ["ünïcødé ✓"] = new(new Sku("UNI-1"), 2),
        },
        new Dictionary<string, LocationId>(StringComparer.Ordinal) { ["S-1"] = new("store-1"), ["WH/9"] = new("dc-1") },
        RequireSkuMapping: true)
    {
        LevelsUrl = new Uri("https://shop.example.com/levels?store=all"),
        VariantMap = new Dictionary<string, SkuMapping>(StringComparer.Ordinal) { ["808950810"] = new(new Sku("TSHIRT-M"), 1), ["CASE-12"] = new(new Sku("TSHIRT-L"), 6) },
    };
}
