using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;
using Shouldly;
using Xunit;

namespace ServerlessInventory.Testing;

/// <summary>
/// What every <see cref="IParkedEventStore"/> must do, whatever it runs on. A store's test project inherits this
/// class and says how to create the store; the tests stay unchanged. Each test parks ids of its own and looks only
/// at those, so a store may be shared between tests.
/// </summary>
public abstract class ParkedEventStoreContract : PortContract<IParkedEventStore>
{
    [Fact]
    public async Task Count_ParkedThenOneReplayed_CountsOnlyThoseNotReplayed()
    {
        var before = await Port.CountAsync(Cancellation);
        var events = Enumerable.Range(0, 3).Select(i => Parked(At(500 + i))).ToList();
        await Port.ParkAsync(events, Cancellation);
        await Port.ParkAsync([events[0] with { Reason = "still unmapped" }], Cancellation);

        (await Port.CountAsync(Cancellation)).ShouldBe(before + 3);

        await Port.MarkReplayedAsync(events[1].Id, At(510), Cancellation);

        (await Port.CountAsync(Cancellation)).ShouldBe(before + 2);
    }

    [Fact]
    public async Task Get_UnknownId_ReturnsNull()
    {
        (await Port.GetAsync(NewKey("parked"), Cancellation)).ShouldBeNull();
    }

    [Fact]
    public async Task Park_ThenGet_RoundTripsEveryField()
    {
        var withEventId = Parked(At(10)) with { EventId = NewKey("evt"), Payload = "{\"sku\":\"ünïcødé ✓\",\n\"quantity\":\"x\"}" };
        var withoutEventId = Parked(At(11)) with { EventId = null, Field = "event", Reason = "is not valid JSON" };

        await Port.ParkAsync([withEventId, withoutEventId], Cancellation);

        (await Port.GetAsync(withEventId.Id, Cancellation)).ShouldBe(withEventId);
        (await Port.GetAsync(withoutEventId.Id, Cancellation)).ShouldBe(withoutEventId);
    }

    [Fact]
    public async Task Park_SameIdAgain_KeepsOneCopyWithTheLatestReason()
    {
        var first = Parked(At(20));
        await Port.ParkAsync([first], Cancellation);
        var again = first with { Field = "data.location", Reason = "no mapping for location 'S-9'" };

        await Port.ParkAsync([again], Cancellation);

        (await Port.GetAsync(first.Id, Cancellation)).ShouldBe(again);
        (await ListOurs([first.Id])).ShouldBe([again]);
    }

    [Fact]
    public async Task List_MoreThanAPage_PagesOldestFirstUntilNoContinuation()
    {
        // Parked out of order, so that the listing order is the store's, not the insertion order.
        var parked = Enumerable.Range(0, 11).Select(i => Parked(At(100 + i))).ToList();
        await Port.ParkAsync([.. parked.Where((_, i) => i % 2 == 1)], Cancellation);
        await Port.ParkAsync([.. parked.Where((_, i) => i % 2 == 0).Reverse()], Cancellation);

        var listed = await ListOurs([.. parked.Select(p => p.Id)], pageSize: 4);

        listed.ShouldBe(parked);
    }

    [Fact]
    public async Task List_SameParkedAt_OrdersById()
    {
        var prefix = NewKey("parked");
        var ids = new[] { prefix + "-b", prefix + "-c", prefix + "-a" };
        await Port.ParkAsync([.. ids.Select(id => Parked(At(200)) with { Id = id })], Cancellation);

        var listed = await ListOurs(ids, pageSize: 2);

        listed.Select(p => p.Id).ShouldBe([prefix + "-a", prefix + "-b", prefix + "-c"]);
    }

    [Fact]
    public async Task MarkReplayed_ParkedEvent_LeavesTheListingAndKeepsTheTime()
    {
        var replayed = Parked(At(300));
        var waiting = Parked(At(301));
        await Port.ParkAsync([replayed, waiting], Cancellation);

        await Port.MarkReplayedAsync(replayed.Id, At(400), Cancellation);

        var stored = await Port.GetAsync(replayed.Id, Cancellation);
        stored.ShouldNotBeNull().ReplayedAt.ShouldBe(At(400));
        stored.IsReplayed.ShouldBeTrue();
        (await ListOurs([replayed.Id, waiting.Id])).ShouldBe([waiting]);
    }

    [Fact]
    public async Task MarkReplayed_UnknownId_ThrowsKeyNotFound()
    {
        await Should.ThrowAsync<KeyNotFoundException>(() => Port.MarkReplayedAsync(NewKey("parked"), At(1), Cancellation));
    }

    [Fact]
    public async Task List_NothingOfOurs_EndsWithoutContinuation()
    {
        var listed = await ListOurs([NewKey("parked")], pageSize: 50);

        listed.ShouldBeEmpty();
    }

    /// <summary>Every page of the listing, in order, keeping only <paramref name="ids"/>; fails if a page is oversized or an item repeats.</summary>
    protected async Task<List<ParkedEvent>> ListOurs(IReadOnlyCollection<string> ids, int pageSize = 100)
    {
        var ours = new HashSet<string>(ids, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var listed = new List<ParkedEvent>();
        string? continuation = null;
        for (var pages = 0; pages < 100_000; pages++)
        {
            var page = await Port.ListAsync(pageSize, continuation, Cancellation);
            page.Items.Count.ShouldBeLessThanOrEqualTo(pageSize);
            foreach (var item in page.Items)
            {
                seen.Add(item.Id).ShouldBeTrue($"'{item.Id}' listed twice");
                item.IsReplayed.ShouldBeFalse();
                if (ours.Contains(item.Id))
                {
                    listed.Add(item);
                }
            }
            continuation = page.Continuation;
            if (continuation is null)
            {
                return listed;
            }
        }
        throw new ShouldAssertException("the listing never ended");
    }

    protected static ParkedEvent Parked(DateTimeOffset parkedAt) => new(
        NewKey("parked"), new ChannelId("shopify"), NewKey("evt"), "data.sku", "no mapping for external sku 'X-1'",
        "{\"id\":\"x\"}", parkedAt);
}
