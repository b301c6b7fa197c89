using System.Collections.Concurrent;
using ServerlessInventory.Core.Domain;
using Shouldly;
using Xunit;
using static ServerlessInventory.Testing.EventFactory;

namespace ServerlessInventory.Adapters.Sqlite.Tests;

/// <summary>
/// Accepting sessions: per-SKU order, session locks and their expiry, several sessions in one call, concurrent
/// receivers.
/// </summary>
public sealed class SqliteEventTopicDeliveryTests : TopicTestBase
{
    [Fact]
    public async Task AcceptNextSession_MessagesOfOneSkuPublishedApart_DeliversThemInPublishOrder()
    {
        var topic = Topic();
        var sku = NewSku();
        var other = NewSku();
        var ours = Enumerable.Range(0, 5).Select(i => Received(sku, "dc-1", i + 1)).ToList();
        await topic.PublishAsync([ours[0], Received(other, "dc-1", 1)], Cancellation);
        await topic.PublishAsync([ours[1]], Cancellation);
        await topic.PublishAsync([Received(other, "dc-1", 2), ours[2], ours[3]], Cancellation);
        await topic.PublishAsync([ours[4]], Cancellation);

        var first = (await topic.AcceptNextSessionAsync(3, Cancellation)).ShouldNotBeNull();
        first.SessionId.ShouldBe(sku.Value, "the oldest message is ours");
        await topic.CompleteAsync(first, [.. first.Messages.Select(m => m.MessageId)], Cancellation);
        await topic.ReleaseAsync(first, Cancellation);
        var rest = await AcceptSessionOf(topic, sku, 10);

        first.Messages.Concat(rest.Messages).Select(m => m.MessageId).ShouldBe(ours.Select(e => e.Key.Value));
        first.Messages.Concat(rest.Messages).Select(m => m.SequenceNumber).ShouldBeInOrder(SortDirection.Ascending);
    }

    [Fact]
    public async Task AcceptNextSession_SessionLockedByAnotherReceiver_HandsOutOtherSessionsOnly()
    {
        var topic = Topic();
        var busy = NewSku();
        var idle = NewSku();
        await topic.PublishAsync([Received(busy, "dc-1", 1), Received(idle, "dc-1", 1), Received(busy, "dc-1", 2)], Cancellation);

        var one = (await topic.AcceptNextSessionAsync(1, Cancellation)).ShouldNotBeNull();
        await topic.PublishAsync([Received(busy, "dc-1", 3)], Cancellation);
        var two = (await topic.AcceptNextSessionAsync(10, Cancellation)).ShouldNotBeNull();
        var three = await topic.AcceptNextSessionAsync(10, Cancellation);

        one.SessionId.ShouldBe(busy.Value);
        one.Messages.Count.ShouldBe(1);
        two.SessionId.ShouldBe(idle.Value);
        three.ShouldBeNull("the busy SKU's later messages wait for its lock, even those not in the first batch");
        (await topic.CountPendingAsync(Cancellation)).ShouldBe(4);
    }

    [Fact]
    public async Task AcceptNextSession_LockExpired_AnotherReceiverGetsTheSameMessages()
    {
        var topic = Topic();
        var sku = NewSku();
        await topic.PublishAsync([Received(sku, "dc-1", 1), Received(sku, "dc-1", 2)], Cancellation);
        var first = (await topic.AcceptNextSessionAsync(10, Cancellation)).ShouldNotBeNull();

        _time.Advance(_options.LockDuration - TimeSpan.FromMilliseconds(1));
        (await topic.AcceptNextSessionAsync(10, Cancellation)).ShouldBeNull("the lock still holds");
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var second = (await topic.AcceptNextSessionAsync(10, Cancellation)).ShouldNotBeNull();

        second.SessionId.ShouldBe(first.SessionId);
        second.LockToken.ShouldNotBe(first.LockToken);
        second.Messages.Select(m => m.MessageId).ShouldBe(first.Messages.Select(m => m.MessageId));
        second.Messages.ShouldAllBe(m => m.DeliveryCount == 2);
    }

    [Fact]
    public async Task AcceptNextSession_FourConcurrentReceiversOverManySessions_EachMessageCompletedOnceInSessionOrder()
    {
        _options.RedeliveryDelay = TimeSpan.Zero;
        var topic = Topic();
        var published = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var batch = 0; batch < 20; batch++)
        {
            // Each publish spreads over many SKUs, so that every session's messages interleave with others'.
            var events = Enumerable.Range(0, 40).Select(i => Received(new Sku($"conc-{(batch * 7 + i) % 60}"), "dc-1", 1)).ToList();
            await topic.PublishAsync(events, Cancellation);
            foreach (var e in events)
            {
                (published.TryGetValue(e.Sku.Value, out var list) ? list : published[e.Sku.Value] = []).Add(e.Key.Value);
            }
        }
        var inFlight = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var completions = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var completedInOrder = published.Keys.ToDictionary(k => k, _ => new List<string>(), StringComparer.Ordinal);
        var violations = new ConcurrentQueue<string>();
        var abandons = 0;

        async Task Receive(int receiver)
        {
            var random = new Random(receiver);
            var idle = 0;
            while (idle < 3)
            {
                var session = await topic.AcceptNextSessionAsync(1 + random.Next(6), Cancellation);
                if (session is null)
                {
                    idle = await topic.CountPendingAsync(Cancellation) == 0 ? idle + 1 : 0;
                    await Task.Yield();
                    continue;
                }
                foreach (var message in session.Messages)
                {
                    if (!inFlight.TryAdd(message.MessageId, true))
                    {
                        violations.Enqueue($"{message.MessageId} delivered to two receivers at once");
                    }
                }
                // The batch must be exactly the next messages of the SKU not yet completed, in order.
                var done = completedInOrder[session.SessionId];
                var expected = published[session.SessionId].Skip(done.Count).Take(session.Messages.Count);
                if (!session.Messages.Select(m => m.MessageId).SequenceEqual(expected))
                {
                    violations.Enqueue($"{session.SessionId} delivered out of order");
                }
                // Now and then the last message is abandoned; the rest completed, in order.
                var abandon = random.Next(5) == 0 ? session.Messages[^1].MessageId : null;
                var complete = session.Messages.Select(m => m.MessageId).Where(id => id != abandon).ToList();
                foreach (var message in session.Messages)
                {
                    inFlight.TryRemove(message.MessageId, out _);
                }
                done.AddRange(complete);
                await topic.CompleteAsync(session, complete, Cancellation);
                foreach (var id in complete)
                {
                    completions.AddOrUpdate(id, 1, (_, n) => n + 1);
                }
                if (abandon is not null)
                {
                    Interlocked.Increment(ref abandons);
                    await topic.AbandonAsync(session, [abandon], Cancellation);
                }
                await topic.ReleaseAsync(session, Cancellation);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 4).Select(r => Task.Run(() => Receive(r), Cancellation)));

        violations.ShouldBeEmpty();
        completions.Count.ShouldBe(800);
        completions.Values.ShouldAllBe(n => n == 1);
        completedInOrder.ShouldAllBe(pair => pair.Value.SequenceEqual(published[pair.Key]));
        abandons.ShouldBeGreaterThan(0);
        (await topic.CountPendingAsync(Cancellation)).ShouldBe(0);
    }

    [Fact]
    public async Task AcceptNextSessions_ThreeSkusPending_LocksEachOnceInOneCallUpToTheMax()
    {
        var topic = Topic();
        var skus = Enumerable.Range(0, 3).Select(_ => NewSku()).ToList();
        await topic.PublishAsync([.. skus.SelectMany(s => new[] { Received(s, "dc-1", 1), Received(s, "dc-1", 2) })], Cancellation);

        var two = await topic.AcceptNextSessionsAsync(2, 10, Cancellation);
        var rest = await topic.AcceptNextSessionsAsync(5, 10, Cancellation);

        two.Select(s => s.SessionId).ShouldBe([skus[0].Value, skus[1].Value]);
        two.ShouldAllBe(s => s.Messages.Count == 2);
        rest.Select(s => s.SessionId).ShouldBe([skus[2].Value], "sessions already locked are not handed out twice");
        (await topic.AcceptNextSessionsAsync(5, 10, Cancellation)).ShouldBeEmpty();
    }
}
