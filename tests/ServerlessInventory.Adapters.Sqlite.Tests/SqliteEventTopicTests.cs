using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Events;
using ServerlessInventory.Core.Ports;
using ServerlessInventory.Core.Serialization;
using ServerlessInventory.Testing;
using Shouldly;
using Xunit;
using static ServerlessInventory.Testing.EventFactory;

namespace ServerlessInventory.Adapters.Sqlite.Tests;

/// <summary>
/// The local topic against a real SQLite file, with a fake clock moved by hand for locks, redelivery delays and the
/// duplicate detection window. "Receivers" are simply callers of the topic holding the sessions they accepted.
/// </summary>
public sealed class SqliteEventTopicTests : IDisposable
{
    private readonly TempDatabase _file = new();
    private readonly SqliteDatabase _database;
    private readonly FakeTimeProvider _time = new(Epoch);
    private readonly LocalTopicOptions _options = new();

    public SqliteEventTopicTests() => _database = _file.Open();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Publish_MessageIdAlreadyInTopic_IsDroppedAndReported()
    {
        var topic = Topic();
        var sku = NewSku();
        var first = Received(sku, "dc-1", 1);
        var second = Received(sku, "dc-1", 2);
        await topic.PublishAsync([first, second], Cancellation);
        var third = Received(sku, "dc-1", 3);
        var twin = Received(sku, "dc-1", 4);

        var result = await topic.PublishAsync([Received(sku, "dc-1", 99, id: second.Id.Value), third, twin, Received(sku, "dc-1", 98, id: twin.Id.Value)], Cancellation);

        result.Duplicates.ShouldBe([second.Id, twin.Id]);
        (await topic.CountPendingAsync(Cancellation)).ShouldBe(4);
        var delivered = await topic.AcceptNextSessionAsync(10, Cancellation);
        delivered.ShouldNotBeNull().Messages.Select(m => m.Body).ShouldBe([.. new InventoryEvent[] { first, second, third, twin }.Select(InventoryEventJson.Serialize)]);
    }

    [Fact]
    public async Task Publish_IdOfSettledMessage_IsDroppedWithinTheWindowAndAcceptedAfterIt()
    {
        var topic = Topic();
        var sku = NewSku();
        var evt = Received(sku, "dc-1", 1);
        await topic.PublishAsync([evt], Cancellation);
        var session = (await topic.AcceptNextSessionAsync(1, Cancellation)).ShouldNotBeNull();
        await topic.CompleteAsync(session, [evt.Id.Value], Cancellation);
        await topic.ReleaseAsync(session, Cancellation);

        _time.Advance(_options.DuplicateDetectionWindow - TimeSpan.FromSeconds(1));
        (await topic.PublishAsync([evt], Cancellation)).Duplicates.ShouldBe([evt.Id]);
        _time.Advance(TimeSpan.FromSeconds(2));
        (await topic.PublishAsync([evt], Cancellation)).Duplicates.ShouldBeEmpty();

        (await topic.CountPendingAsync(Cancellation)).ShouldBe(1);
    }

    [Fact]
    public async Task Publish_Event_IsAMessageKeyedByEventIdAndSku()
    {
        var topic = Topic();
        var evt = Order(NewSku(), "store-1", 2, reservationId: "r-1");

        await topic.PublishAsync([evt], Cancellation);

        var message = (await topic.AcceptNextSessionAsync(1, Cancellation)).ShouldNotBeNull().Messages.Single();
        message.MessageId.ShouldBe(evt.Id.Value);
        message.SessionId.ShouldBe(evt.Sku.Value);
        message.DeliveryCount.ShouldBe(1);
        message.EnqueuedAt.ShouldBe(Epoch);
        InventoryEventJson.Parse(message.Body).Event.ShouldBe(evt);
    }

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

        first.Messages.Concat(rest.Messages).Select(m => m.MessageId).ShouldBe(ours.Select(e => e.Id.Value));
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
    public async Task Abandon_Message_RedeliveredAfterTheDoublingDelayWithCountPlusOneStillFirst()
    {
        var topic = Topic();
        var sku = NewSku();
        var head = Received(sku, "dc-1", 1);
        var next = Received(sku, "dc-1", 2);
        await topic.PublishAsync([head, next], Cancellation);

        var first = (await topic.AcceptNextSessionAsync(1, Cancellation)).ShouldNotBeNull();
        await topic.AbandonAsync(first, [head.Id.Value], Cancellation);
        await topic.ReleaseAsync(first, Cancellation);
        (await topic.AcceptNextSessionAsync(10, Cancellation)).ShouldBeNull("the later message must not overtake the abandoned one");
        _time.Advance(_options.RedeliveryDelay);
        var second = (await topic.AcceptNextSessionAsync(10, Cancellation)).ShouldNotBeNull();
        await topic.AbandonAsync(second, [head.Id.Value, next.Id.Value], Cancellation);
        await topic.ReleaseAsync(second, Cancellation);
        _time.Advance(_options.RedeliveryDelay * 2 - TimeSpan.FromMilliseconds(1));
        (await topic.AcceptNextSessionAsync(10, Cancellation)).ShouldBeNull("the second delay is twice the first");
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var third = (await topic.AcceptNextSessionAsync(10, Cancellation)).ShouldNotBeNull();

        first.Messages.Select(m => (m.MessageId, m.DeliveryCount)).ShouldBe([(head.Id.Value, 1)]);
        second.Messages.Select(m => (m.MessageId, m.DeliveryCount)).ShouldBe([(head.Id.Value, 2), (next.Id.Value, 1)]);
        third.Messages.Select(m => (m.MessageId, m.DeliveryCount)).ShouldBe([(head.Id.Value, 3), (next.Id.Value, 2)]);
    }

    [Fact]
    public void RedeliveryDelay_ManyDeliveries_DoublesUpToThirtySeconds()
    {
        var delays = Enumerable.Range(1, 8).Select(n => SqliteEventTopic.RedeliveryDelay(TimeSpan.FromSeconds(1), n).TotalSeconds);

        delays.ShouldBe([1, 2, 4, 8, 16, 30, 30, 30]);
        SqliteEventTopic.RedeliveryDelay(TimeSpan.Zero, 5).ShouldBe(TimeSpan.Zero);
        SqliteEventTopic.RedeliveryDelay(TimeSpan.FromSeconds(30), 1_000).ShouldBe(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task AcceptNextSession_MessageDeliveredMaxTimes_IsDeadLetteredWithReasonAndTheNextDelivered()
    {
        _options.MaxDeliveryCount = 2;
        var topic = Topic();
        var deadLetters = new SqliteDeadLetterStore(_database);
        var sku = NewSku();
        var poison = Received(sku, "dc-1", 1);
        var healthy = Received(sku, "dc-1", 2);
        await topic.PublishAsync([poison, healthy], Cancellation);
        for (var delivery = 1; delivery <= 2; delivery++)
        {
            var session = (await topic.AcceptNextSessionAsync(1, Cancellation)).ShouldNotBeNull();
            session.Messages.Single().ShouldSatisfyAllConditions(m => m.MessageId.ShouldBe(poison.Id.Value), m => m.DeliveryCount.ShouldBe(delivery));
            await topic.AbandonAsync(session, [poison.Id.Value], Cancellation);
            await topic.ReleaseAsync(session, Cancellation);
            _time.Advance(LocalTopicOptions.MaxRedeliveryDelay);
        }

        var after = (await topic.AcceptNextSessionAsync(10, Cancellation)).ShouldNotBeNull();

        after.Messages.Select(m => (m.MessageId, m.DeliveryCount)).ShouldBe([(healthy.Id.Value, 1)]);
        var letter = (await deadLetters.GetAsync(poison.Id.Value, Cancellation)).ShouldNotBeNull();
        letter.Reason.ShouldBe(SqliteEventTopic.MaxDeliveryCountExceeded);
        letter.Reason.ShouldBe("MaxDeliveryCountExceeded");
        letter.Sku.ShouldBe(sku);
        letter.Body.ShouldBe(InventoryEventJson.Serialize(poison));
        letter.DeliveryCount.ShouldBe(2);
        letter.DeadLetteredAt.ShouldBe(_time.GetUtcNow());
        (await topic.CountPendingAsync(Cancellation)).ShouldBe(1);
        (await topic.PublishAsync([poison], Cancellation)).Duplicates.ShouldBe([poison.Id], "a dead-lettered id is still remembered");
    }

    [Fact]
    public async Task AcceptNextSession_OnlyMessageOutOfDeliveries_DeadLettersItAndReturnsNull()
    {
        _options.MaxDeliveryCount = 1;
        var topic = Topic();
        var evt = Received(NewSku(), "dc-1", 1);
        await topic.PublishAsync([evt], Cancellation);
        var session = (await topic.AcceptNextSessionAsync(1, Cancellation)).ShouldNotBeNull();
        await topic.ReleaseAsync(session, Cancellation);

        (await topic.AcceptNextSessionAsync(1, Cancellation)).ShouldBeNull();

        (await new SqliteDeadLetterStore(_database).GetAsync(evt.Id.Value, Cancellation)).ShouldNotBeNull().DeliveryCount.ShouldBe(1);
        (await topic.CountPendingAsync(Cancellation)).ShouldBe(0);
    }

    [Fact]
    public async Task DeadLetter_ByTheReceiver_LeavesDeliveryAndLandsInTheDeadLetterStore()
    {
        var topic = Topic();
        var sku = NewSku();
        var evt = Received(sku, "dc-1", 1);
        await topic.PublishAsync([evt, Received(sku, "dc-1", 2)], Cancellation);
        var session = (await topic.AcceptNextSessionAsync(1, Cancellation)).ShouldNotBeNull();

        await topic.DeadLetterAsync(session, evt.Id.Value, "HandlerRejected", "quantity out of range", Cancellation);
        await topic.ReleaseAsync(session, Cancellation);

        var letter = (await new SqliteDeadLetterStore(_database).GetAsync(evt.Id.Value, Cancellation)).ShouldNotBeNull();
        letter.ShouldBe(new DeadLetter(evt.Id.Value, sku, InventoryEventJson.Serialize(evt), "HandlerRejected", "quantity out of range", 1, Epoch));
        var next = (await topic.AcceptNextSessionAsync(10, Cancellation)).ShouldNotBeNull();
        next.Messages.ShouldNotContain(m => m.MessageId == evt.Id.Value);
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
    public async Task Settle_LockExpiredAndTakenByAnotherReceiver_ThrowsLockLostAndSettlesNothing()
    {
        var topic = Topic();
        var sku = NewSku();
        await topic.PublishAsync([Received(sku, "dc-1", 1), Received(sku, "dc-1", 2)], Cancellation);
        var stale = (await topic.AcceptNextSessionAsync(10, Cancellation)).ShouldNotBeNull();
        _time.Advance(_options.LockDuration);
        var current = (await topic.AcceptNextSessionAsync(10, Cancellation)).ShouldNotBeNull();
        var ids = stale.Messages.Select(m => m.MessageId).ToList();

        var lost = await Should.ThrowAsync<TopicLockLostException>(() => topic.CompleteAsync(stale, ids, Cancellation));
        await Should.ThrowAsync<TopicLockLostException>(() => topic.AbandonAsync(stale, ids, Cancellation));
        await Should.ThrowAsync<TopicLockLostException>(() => topic.DeadLetterAsync(stale, ids[0], "x", null, Cancellation));
        await Should.ThrowAsync<TopicLockLostException>(() => topic.RenewAsync(stale, Cancellation));
        await topic.ReleaseAsync(stale, Cancellation);

        lost.SessionId.ShouldBe(sku.Value);
        (await topic.CountPendingAsync(Cancellation)).ShouldBe(2);
        (await new SqliteDeadLetterStore(_database).GetAsync(ids[0], Cancellation)).ShouldBeNull();
        await topic.CompleteAsync(current, ids, Cancellation);
        (await topic.CountPendingAsync(Cancellation)).ShouldBe(0);
    }

    [Fact]
    public async Task Complete_LockExpiredButNotTakenByAnyone_StillSettles()
    {
        var topic = Topic();
        await topic.PublishAsync([Received(NewSku(), "dc-1", 1)], Cancellation);
        var session = (await topic.AcceptNextSessionAsync(10, Cancellation)).ShouldNotBeNull();
        _time.Advance(_options.LockDuration * 3);

        await topic.CompleteAsync(session, [session.Messages[0].MessageId], Cancellation);

        (await topic.CountPendingAsync(Cancellation)).ShouldBe(0);
        (await topic.AcceptNextSessionAsync(10, Cancellation)).ShouldBeNull();
    }

    [Fact]
    public async Task Renew_HeldLock_ExtendsItPastTheFirstExpiry()
    {
        var topic = Topic();
        await topic.PublishAsync([Received(NewSku(), "dc-1", 1)], Cancellation);
        var session = (await topic.AcceptNextSessionAsync(10, Cancellation)).ShouldNotBeNull();
        _time.Advance(_options.LockDuration / 2);

        var renewed = await topic.RenewAsync(session, Cancellation);
        _time.Advance(_options.LockDuration * 3 / 4);

        renewed.LockedUntil.ShouldBe(Epoch + _options.LockDuration / 2 + _options.LockDuration);
        renewed.Messages.ShouldBe(session.Messages);
        (await topic.AcceptNextSessionAsync(10, Cancellation)).ShouldBeNull("the renewed lock still holds");
        await topic.CompleteAsync(renewed, [session.Messages[0].MessageId], Cancellation);
        (await topic.CountPendingAsync(Cancellation)).ShouldBe(0);
    }

    [Fact]
    public async Task Release_BatchPartlySettled_MakesTheRestDeliverableAtOnce()
    {
        var topic = Topic();
        var sku = NewSku();
        var done = Received(sku, "dc-1", 1);
        var left = Received(sku, "dc-1", 2);
        await topic.PublishAsync([done, left], Cancellation);
        var session = (await topic.AcceptNextSessionAsync(10, Cancellation)).ShouldNotBeNull();
        await topic.CompleteAsync(session, [done.Id.Value], Cancellation);

        await topic.ReleaseAsync(session, Cancellation);

        var again = (await topic.AcceptNextSessionAsync(10, Cancellation)).ShouldNotBeNull();
        again.Messages.Select(m => (m.MessageId, m.DeliveryCount)).ShouldBe([(left.Id.Value, 2)]);
    }

    [Fact]
    public async Task Settle_MessageNotDeliveredInTheSession_IsRefused()
    {
        var topic = Topic();
        var sku = NewSku();
        var second = Received(sku, "dc-1", 2);
        await topic.PublishAsync([Received(sku, "dc-1", 1), second], Cancellation);
        var session = (await topic.AcceptNextSessionAsync(1, Cancellation)).ShouldNotBeNull();

        await Should.ThrowAsync<ArgumentException>(() => topic.CompleteAsync(session, [second.Id.Value], Cancellation));

        (await topic.CountPendingAsync(Cancellation)).ShouldBe(2);
    }

    [Fact]
    public async Task Publish_ThenReopenTheFile_MessagesAndTheirIdsSurvive()
    {
        var sku = NewSku();
        var events = Enumerable.Range(0, 3).Select(i => Received(sku, "dc-1", i + 1)).ToList();
        using (var before = _file.Open(SqliteDurability.Full))
        {
            await Topic(before).PublishAsync(events, Cancellation);
        }

        using var after = _file.Open();
        var reopened = Topic(after);

        (await reopened.CountPendingAsync(Cancellation)).ShouldBe(3);
        (await reopened.PublishAsync([events[1]], Cancellation)).Duplicates.ShouldBe([events[1].Id]);
        var session = (await reopened.AcceptNextSessionAsync(10, Cancellation)).ShouldNotBeNull();
        session.Messages.Select(m => InventoryEventJson.Parse(m.Body).Event).ShouldBe(events);
    }

    [Fact]
    public async Task ReleaseAllLocks_AfterAReceiverDied_MakesItsMessagesDeliverableAtOnce()
    {
        var topic = Topic();
        var sku = NewSku();
        await topic.PublishAsync([Received(sku, "dc-1", 1), Received(sku, "dc-1", 2)], Cancellation);
        var dead = (await topic.AcceptNextSessionAsync(10, Cancellation)).ShouldNotBeNull();
        (await topic.AcceptNextSessionAsync(10, Cancellation)).ShouldBeNull();

        await topic.ReleaseAllLocksAsync(Cancellation);

        var recovered = (await topic.AcceptNextSessionAsync(10, Cancellation)).ShouldNotBeNull();
        recovered.Messages.Select(m => m.MessageId).ShouldBe(dead.Messages.Select(m => m.MessageId));
        await Should.ThrowAsync<TopicLockLostException>(() => topic.CompleteAsync(dead, [dead.Messages[0].MessageId], Cancellation));
    }

    [Fact]
    public async Task PurgeExpired_MixedAgesAndStates_RemovesOnlySettledRowsOlderThanTheWindow()
    {
        var topic = Topic();
        var sku = NewSku();
        var completed = Received(sku, "dc-1", 1);
        var deadLettered = Received(sku, "dc-1", 2);
        var stillPending = Received(NewSku(), "dc-1", 3);
        await topic.PublishAsync([completed, deadLettered, stillPending], Cancellation);
        var session = await AcceptSessionOf(topic, sku, 10);
        await topic.CompleteAsync(session, [completed.Id.Value], Cancellation);
        await topic.DeadLetterAsync(session, deadLettered.Id.Value, "HandlerRejected", null, Cancellation);
        await topic.ReleaseAsync(session, Cancellation);
        _time.Advance(_options.DuplicateDetectionWindow + TimeSpan.FromSeconds(1));
        var recent = Received(sku, "dc-1", 4);
        await topic.PublishAsync([recent], Cancellation);
        var recentSession = await AcceptSessionOf(topic, sku, 10);
        await topic.CompleteAsync(recentSession, [recent.Id.Value], Cancellation);
        await topic.ReleaseAsync(recentSession, Cancellation);

        var purged = await topic.PurgeExpiredAsync(Cancellation);

        purged.ShouldBe(2);
        (await topic.PurgeExpiredAsync(Cancellation)).ShouldBe(0);
        (await topic.CountPendingAsync(Cancellation)).ShouldBe(1);
        (await topic.PublishAsync([recent, stillPending, completed], Cancellation)).Duplicates.ShouldBe([recent.Id, stillPending.Id]);
        (await new SqliteDeadLetterStore(_database).GetAsync(deadLettered.Id.Value, Cancellation)).ShouldNotBeNull("purging the topic leaves the dead-letter store alone");
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
                (published.TryGetValue(e.Sku.Value, out var list) ? list : published[e.Sku.Value] = []).Add(e.Id.Value);
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

    public void Dispose()
    {
        _database.Dispose();
        _file.Dispose();
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

    [Fact]
    public async Task SettleAndRelease_SeveralSessions_AppliesEachDecisionAndFreesTheSessions()
    {
        var topic = Topic();
        var done = NewSku();
        var mixed = NewSku();
        var completed = Received(done, "dc-1", 1);
        var poison = Received(mixed, "dc-1", 1);
        var retry = Received(mixed, "dc-1", 2);
        await topic.PublishAsync([completed, poison, retry], Cancellation);
        var sessions = await topic.AcceptNextSessionsAsync(2, 10, Cancellation);

        var lost = await topic.SettleAndReleaseAsync([
            new SessionSettlement(sessions.Single(s => s.SessionId == done.Value), [completed.Id.Value], [], []),
            new SessionSettlement(sessions.Single(s => s.SessionId == mixed.Value), [], [(poison.Id.Value, "rejected", "never applies")], [retry.Id.Value]),
        ], Cancellation);

        lost.ShouldBeEmpty();
        (await topic.CountPendingAsync(Cancellation)).ShouldBe(1, "only the abandoned message is still to be delivered");
        (await new SqliteDeadLetterStore(_database).GetAsync(poison.Id.Value, Cancellation)).ShouldNotBeNull().Reason.ShouldBe("rejected");
        _time.Advance(_options.RedeliveryDelay);
        var again = (await topic.AcceptNextSessionAsync(10, Cancellation)).ShouldNotBeNull("the session was released");
        again.Messages.Single().MessageId.ShouldBe(retry.Id.Value);
        again.Messages.Single().DeliveryCount.ShouldBe(2);
    }

    [Fact]
    public async Task SettleAndRelease_OneSessionsLockTakenByAnother_SettlesTheOthersAndReturnsIt()
    {
        var topic = Topic();
        var kept = NewSku();
        var stolen = NewSku();
        var keptEvent = Received(kept, "dc-1", 1);
        var stolenEvent = Received(stolen, "dc-1", 1);
        // The stolen SKU is oldest, so the thief takes it first and never touches the kept one.
        await topic.PublishAsync([stolenEvent, keptEvent], Cancellation);
        var sessions = await topic.AcceptNextSessionsAsync(2, 10, Cancellation);
        _time.Advance(_options.LockDuration);
        var thief = await AcceptSessionOf(topic, stolen, 10);

        var lost = await topic.SettleAndReleaseAsync([.. sessions.Select(s => new SessionSettlement(s, [.. s.Messages.Select(m => m.MessageId)], [], []))], Cancellation);

        lost.Select(s => s.SessionId).ShouldBe([stolen.Value]);
        (await topic.CountPendingAsync(Cancellation)).ShouldBe(1, "the stolen session's message stays with its new holder");
        await topic.CompleteAsync(thief, [stolenEvent.Id.Value], Cancellation);
        (await topic.CountPendingAsync(Cancellation)).ShouldBe(0);
    }

    private SqliteEventTopic Topic(SqliteDatabase? database = null) => new(database ?? _database, _time, Options.Create(_options));

    /// <summary>Accepts sessions until it gets <paramref name="sku"/>'s, releasing the others untouched.</summary>
    private static async Task<TopicSession> AcceptSessionOf(SqliteEventTopic topic, Sku sku, int maxMessages)
    {
        var others = new List<TopicSession>();
        try
        {
            while (await topic.AcceptNextSessionAsync(maxMessages, Cancellation) is { } session)
            {
                if (session.SessionId == sku.Value)
                {
                    return session;
                }
                others.Add(session);
            }
            throw new ShouldAssertException($"no session of {sku} was deliverable");
        }
        finally
        {
            foreach (var other in others)
            {
                await topic.ReleaseAsync(other, Cancellation);
            }
        }
    }
}
