using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;
using Shouldly;
using Xunit;

namespace ServerlessInventory.Testing;

/// <summary>
/// What every <see cref="IDeadLetterStore"/> must do, whatever it runs on. A store's test project inherits this
/// class and says how to create the store; the tests stay unchanged. Each test uses message ids of its own and
/// looks only at those, so a store may be shared between tests.
/// </summary>
public abstract class DeadLetterStoreContract : PortContract<IDeadLetterStore>
{
    [Fact]
    public async Task Count_AddedTwiceThenRemoved_CountsEachLetterOnceUntilRemoved()
    {
        var before = await Port.CountAsync(Cancellation);
        var first = Letter(At(400));
        await Port.AddAsync(first, Cancellation);
        await Port.AddAsync(Letter(At(401)), Cancellation);
        await Port.AddAsync(first with { DeadLetteredAt = At(402), DeliveryCount = 11 }, Cancellation);

        (await Port.CountAsync(Cancellation)).ShouldBe(before + 2);

        await Port.RemoveAsync(first.MessageId, Cancellation);

        (await Port.CountAsync(Cancellation)).ShouldBe(before + 1);
    }

    [Fact]
    public async Task Get_UnknownMessageId_ReturnsNull()
    {
        (await Port.GetAsync(NewKey("msg"), Cancellation)).ShouldBeNull();
    }

    [Fact]
    public async Task Add_ThenGet_RoundTripsEveryField()
    {
        var full = Letter(At(10)) with { Body = "{\"sku\":\"ünïcødé ✓\",\n\"x\":1}", Description = "handler threw InvalidOperationException" };
        var bare = Letter(At(11)) with { Sku = null, Description = null, DeliveryCount = 0 };

        await Port.AddAsync(full, Cancellation);
        await Port.AddAsync(bare, Cancellation);

        (await Port.GetAsync(full.MessageId, Cancellation)).ShouldBe(full);
        (await Port.GetAsync(bare.MessageId, Cancellation)).ShouldBe(bare);
    }

    [Fact]
    public async Task Add_SameMessageIdAgain_KeepsOneCopyTheLatest()
    {
        var first = Letter(At(20));
        await Port.AddAsync(first, Cancellation);
        var again = first with { Reason = "HandlerRejected", DeliveryCount = 3, DeadLetteredAt = At(21) };

        await Port.AddAsync(again, Cancellation);

        (await Port.GetAsync(first.MessageId, Cancellation)).ShouldBe(again);
        (await ListOurs([first.MessageId])).ShouldBe([again]);
    }

    [Fact]
    public async Task List_MoreThanAPage_PagesOldestFirstUntilNoContinuation()
    {
        var letters = Enumerable.Range(0, 9).Select(i => Letter(At(100 + i))).ToList();
        foreach (var letter in letters.AsEnumerable().Reverse())
        {
            await Port.AddAsync(letter, Cancellation);
        }

        var listed = await ListOurs([.. letters.Select(l => l.MessageId)], pageSize: 4);

        listed.ShouldBe(letters);
    }

    [Fact]
    public async Task List_SameTime_OrdersByMessageId()
    {
        var prefix = NewKey("msg");
        var ids = new[] { prefix + "-c", prefix + "-a", prefix + "-b" };
        foreach (var id in ids)
        {
            await Port.AddAsync(Letter(At(200)) with { MessageId = id }, Cancellation);
        }

        var listed = await ListOurs(ids, pageSize: 1);

        listed.Select(l => l.MessageId).ShouldBe([prefix + "-a", prefix + "-b", prefix + "-c"]);
    }

    [Fact]
    public async Task Remove_DeadLetter_IsGoneFromGetAndList()
    {
        var removed = Letter(At(300));
        var kept = Letter(At(301));
        await Port.AddAsync(removed, Cancellation);
        await Port.AddAsync(kept, Cancellation);

        await Port.RemoveAsync(removed.MessageId, Cancellation);

        (await Port.GetAsync(removed.MessageId, Cancellation)).ShouldBeNull();
        (await ListOurs([removed.MessageId, kept.MessageId])).ShouldBe([kept]);
    }

    [Fact]
    public async Task Remove_UnknownMessageId_DoesNothing()
    {
        var kept = Letter(At(310));
        var unknown = NewKey("msg");
        await Port.AddAsync(kept, Cancellation);
        var before = await ListOurs([kept.MessageId, unknown]);

        await Port.RemoveAsync(unknown, Cancellation);

        before.ShouldBe([kept]);
        (await ListOurs([kept.MessageId, unknown])).ShouldBe(before);
        (await Port.GetAsync(kept.MessageId, Cancellation)).ShouldBe(kept);
        (await Port.GetAsync(unknown, Cancellation)).ShouldBeNull();
    }

    /// <summary>Every page of the listing, in order, keeping only <paramref name="ids"/>; fails if a page is oversized or an item repeats.</summary>
    protected async Task<List<DeadLetter>> ListOurs(IReadOnlyCollection<string> ids, int pageSize = 100)
    {
        var ours = new HashSet<string>(ids, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var listed = new List<DeadLetter>();
        string? continuation = null;
        for (var pages = 0; pages < 100_000; pages++)
        {
            var page = await Port.ListAsync(pageSize, continuation, Cancellation);
            page.Items.Count.ShouldBeLessThanOrEqualTo(pageSize);
            foreach (var item in page.Items)
            {
                seen.Add(item.MessageId).ShouldBeTrue($"'{item.MessageId}' listed twice");
                if (ours.Contains(item.MessageId))
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

    protected static DeadLetter Letter(DateTimeOffset deadLetteredAt) => new(
        NewKey("msg"), EventFactory.NewSku(), "{\"id\":\"x\"}", "MaxDeliveryCountExceeded", "delivered 10 times", 10, deadLetteredAt);
}
