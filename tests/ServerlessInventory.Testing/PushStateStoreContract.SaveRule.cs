using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;
using Shouldly;
using Xunit;

namespace ServerlessInventory.Testing;

// The save rule (PushState.Supersedes): a save replaces the stored state only if it is newer, and the refused ones
// come back. This is what keeps two function instances pushing the same (channel, SKU) from sending an older value
// over a newer one or two values under one version.
public abstract partial class PushStateStoreContract
{
    [Fact]
    public async Task Save_OlderVersion_IsRefusedAndKeepsTheNewer()
    {
        var newer = State(At(300), available: 5, version: 4, delivered: true);
        await Port.SaveAsync([newer], Cancellation);
        var older = newer with { Available = 9, Version = 3, Delivered = false, UpdatedAt = At(301) };

        var refused = await Port.SaveAsync([older], Cancellation);

        refused.ShouldBe([older]);
        (await Port.GetAsync([newer.Sku], Cancellation)).ShouldBe([newer]);
    }

    [Fact]
    public async Task Save_SameVersionOwedWithAnotherValue_IsRefused()
    {
        var owed = State(At(310), available: 5, version: 2, delivered: false);
        await Port.SaveAsync([owed], Cancellation);
        var rival = owed with { Available = 6, UpdatedAt = At(311) };

        var refused = await Port.SaveAsync([rival], Cancellation);

        refused.ShouldBe([rival]);
        (await Port.GetAsync([owed.Sku], Cancellation)).ShouldBe([owed]);
    }

    [Fact]
    public async Task Save_SameVersionOwedToDelivered_IsAccepted()
    {
        var owed = State(At(320), available: 5, version: 2, delivered: false);
        await Port.SaveAsync([owed], Cancellation);
        var delivered = owed with { Delivered = true, UpdatedAt = At(321) };

        var refused = await Port.SaveAsync([delivered], Cancellation);

        refused.ShouldBeEmpty();
        (await Port.GetAsync([owed.Sku], Cancellation)).ShouldBe([delivered]);
        (await Port.ListUndeliveredAsync(100_000, Cancellation)).ShouldNotContain(s => s.Sku == owed.Sku);
    }

    [Fact]
    public async Task Save_DeliveredMarkWithAnotherValue_IsRefused()
    {
        var owed = State(At(325), available: 5, version: 2, delivered: false);
        await Port.SaveAsync([owed], Cancellation);
        var wrongValue = owed with { Available = 4, Delivered = true, UpdatedAt = At(326) };

        (await Port.SaveAsync([wrongValue], Cancellation)).ShouldBe([wrongValue]);
        (await Port.GetAsync([owed.Sku], Cancellation)).ShouldBe([owed]);
    }

    [Fact]
    public async Task Save_EqualDeliveredStateAgain_IsRefused()
    {
        var delivered = State(At(330), available: 5, version: 2, delivered: true);
        await Port.SaveAsync([delivered], Cancellation);
        var again = delivered with { UpdatedAt = At(331) };

        (await Port.SaveAsync([again], Cancellation)).ShouldBe([again]);
        (await Port.GetAsync([delivered.Sku], Cancellation)).ShouldBe([delivered]);
    }

    [Fact]
    public async Task Save_DeliveredBackToOwedAtTheSameVersion_IsRefused()
    {
        var delivered = State(At(335), available: 5, version: 2, delivered: true);
        await Port.SaveAsync([delivered], Cancellation);
        var owedAgain = delivered with { Delivered = false, UpdatedAt = At(336) };

        (await Port.SaveAsync([owedAgain], Cancellation)).ShouldBe([owedAgain]);
        (await Port.ListUndeliveredAsync(100_000, Cancellation)).ShouldNotContain(s => s.Sku == delivered.Sku);
    }

    [Fact]
    public async Task Save_MixedRound_WritesTheNewerAndReturnsOnlyTheRefused()
    {
        var stored = Enumerable.Range(0, 4).Select(i => State(At(340), available: i, version: 5, delivered: false)).ToList();
        await Port.SaveAsync(stored, Cancellation);
        var newer = stored[0] with { Available = 10, Version = 6, UpdatedAt = At(341) };
        var older = stored[1] with { Available = 11, Version = 4, UpdatedAt = At(341) };
        var delivered = stored[2] with { Delivered = true, UpdatedAt = At(341) };
        var rival = stored[3] with { Available = 13, UpdatedAt = At(341) };
        var fresh = State(At(341), available: 14, version: 1, delivered: false);

        var refused = await Port.SaveAsync([newer, older, delivered, rival, fresh], Cancellation);

        refused.ShouldBe([older, rival], ignoreOrder: true);
        (await Port.GetAsync([.. stored.Select(s => s.Sku), fresh.Sku], Cancellation))
            .ShouldBe([newer, stored[1], delivered, stored[3], fresh], ignoreOrder: true);
    }

    [Fact]
    public async Task Save_TwoConcurrentSaversOfTheNextVersion_ExactlyOneWins()
    {
        for (var round = 0; round < 10; round++)
        {
            var current = State(At(350), available: 5, version: 7, delivered: true);
            await Port.SaveAsync([current], Cancellation);
            var mine = current with { Available = 4, Version = 8, Delivered = false, UpdatedAt = At(351) };
            var theirs = current with { Available = 3, Version = 8, Delivered = false, UpdatedAt = At(351) };
            using var start = new Barrier(2);

            var saves = await Task.WhenAll(
                Task.Run(() => { start.SignalAndWait(Cancellation); return Port.SaveAsync([mine], Cancellation); }, Cancellation),
                Task.Run(() => { start.SignalAndWait(Cancellation); return Port.SaveAsync([theirs], Cancellation); }, Cancellation));

            saves.Count(refused => refused.Count == 0).ShouldBe(1, "exactly one saver owns version 8");
            var winner = saves[0].Count == 0 ? mine : theirs;
            saves.SelectMany(r => r).ShouldBe([winner == mine ? theirs : mine]);
            (await Port.GetAsync([current.Sku], Cancellation)).ShouldBe([winner]);
        }
    }
}
