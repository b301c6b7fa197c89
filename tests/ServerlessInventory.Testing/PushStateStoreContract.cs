using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;
using Shouldly;
using Xunit;

namespace ServerlessInventory.Testing;

/// <summary>
/// What every <see cref="IPushStateStore"/> must do, whatever it runs on. A store's test project inherits this
/// class and says how to create the store; the tests stay unchanged. Each test uses channels and SKUs of its own
/// and looks only at those, so a store may be shared between tests.
/// </summary>
public abstract partial class PushStateStoreContract : PortContract<IPushStateStore>
{
    private readonly ChannelId _channel = new(NewKey("channel"));

    [Fact]
    public async Task Get_NeverSaved_ReturnsNothing()
    {
        (await Port.GetAsync([EventFactory.NewSku()], Cancellation)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Save_ThenGet_RoundTripsEveryField()
    {
        var owed = State(At(10), available: 7, version: 3, delivered: false);
        var sent = State(At(11), available: 0, version: long.MaxValue / 2, delivered: true);

        await Port.SaveAsync([owed, sent], Cancellation);

        (await Port.GetAsync([owed.Sku, sent.Sku], Cancellation)).ShouldBe([owed, sent], ignoreOrder: true);
    }

    [Fact]
    public async Task Save_SameChannelAndSkuAgain_ReplacesIt()
    {
        var first = State(At(20), available: 5, version: 1, delivered: false);
        await Port.SaveAsync([first], Cancellation);
        var newer = first with { Available = 4, Version = 2, Delivered = true, UpdatedAt = At(21) };

        await Port.SaveAsync([newer], Cancellation);

        (await Port.GetAsync([first.Sku], Cancellation)).ShouldBe([newer]);
    }

    [Fact]
    public async Task Get_SkuOnSeveralChannels_ReturnsEachChannelsState()
    {
        var ours = State(At(30), available: 5, version: 1, delivered: true);
        var other = ours with { Channel = new ChannelId(NewKey("channel")), Available = 9 };
        await Port.SaveAsync([ours, other], Cancellation);

        (await Port.GetAsync([ours.Sku], Cancellation)).ShouldBe([ours, other], ignoreOrder: true);
    }

    [Fact]
    public async Task Get_ManySkus_ReturnsOnlyThose()
    {
        var wanted = Enumerable.Range(0, 600).Select(i => State(At(40), available: i, version: 1, delivered: true)).ToList();
        var unwanted = State(At(40), available: 1, version: 1, delivered: true);
        await Port.SaveAsync([.. wanted, unwanted], Cancellation);

        var found = await Port.GetAsync([.. wanted.Select(s => s.Sku)], Cancellation);

        found.ShouldBe(wanted, ignoreOrder: true);
    }

    [Fact]
    public async Task Save_EmptyRound_ChangesNothing()
    {
        var owed = State(At(50), available: 3, version: 2, delivered: false);
        var sent = State(At(51), available: 8, version: 5, delivered: true);
        await Port.SaveAsync([owed, sent], Cancellation);
        var stored = await Port.GetAsync([owed.Sku, sent.Sku], Cancellation);
        var owedBefore = (await Port.ListUndeliveredAsync(100_000, Cancellation)).Where(s => s.Channel == _channel).ToList();

        var refused = await Port.SaveAsync([], Cancellation);

        refused.ShouldBeEmpty();
        stored.ShouldBe([owed, sent], ignoreOrder: true);
        (await Port.GetAsync([owed.Sku, sent.Sku], Cancellation)).ShouldBe(stored, ignoreOrder: true);
        owedBefore.ShouldBe([owed]);
        (await Port.ListUndeliveredAsync(100_000, Cancellation)).Where(s => s.Channel == _channel).ShouldBe(owedBefore);
    }

    [Fact]
    public async Task ListUndelivered_MixedStates_ReturnsOnlyOwedOnesOldestFirst()
    {
        var newest = State(At(102), available: 1, version: 1, delivered: false);
        var delivered = State(At(100), available: 2, version: 1, delivered: true);
        var oldest = State(At(101), available: 3, version: 1, delivered: false);
        var soonDelivered = State(At(99), available: 4, version: 1, delivered: false);
        await Port.SaveAsync([newest, delivered, oldest, soonDelivered], Cancellation);
        await Port.SaveAsync([soonDelivered with { Delivered = true, UpdatedAt = At(103) }], Cancellation);

        var owed = await Port.ListUndeliveredAsync(100_000, Cancellation);

        owed.Where(s => s.Channel == _channel).ShouldBe([oldest, newest]);
    }

    [Fact]
    public async Task ListUndelivered_MoreThanTheLimit_ReturnsTheLimitOldestFirst()
    {
        await Port.SaveAsync([.. Enumerable.Range(0, 3).Select(i => State(At(200 + i), available: i, version: 1, delivered: false))], Cancellation);

        var owed = await Port.ListUndeliveredAsync(2, Cancellation);

        owed.Count.ShouldBe(2);
        owed.ShouldAllBe(s => !s.Delivered);
        owed.Select(s => s.UpdatedAt).ShouldBeInOrder(SortDirection.Ascending);
    }

    private PushState State(DateTimeOffset updatedAt, int available, long version, bool delivered) =>
        new(_channel, EventFactory.NewSku(), available, version, delivered, updatedAt);
}
