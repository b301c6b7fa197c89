using ServerlessInventory.Core.Ports;
using ServerlessInventory.Core.Serialization;
using Shouldly;
using Xunit;
using static ServerlessInventory.Testing.EventFactory;

namespace ServerlessInventory.Adapters.Sqlite.Tests;

/// <summary>
/// Settling a session's messages: abandon and its doubling redelivery delay, dead-lettering (by the topic and by
/// the receiver), settling under a lost lock, renew, release, settling and releasing several sessions at once.
/// </summary>
public sealed class SqliteEventTopicSettlementTests : TopicTestBase
{
    [Fact]
    public async Task Abandon_Message_RedeliveredAfterTheDoublingDelayWithCountPlusOneStillFirst()
    {
        var topic = Topic();
        var sku = NewSku();
        var head = Received(sku, "dc-1", 1);
        var next = Received(sku, "dc-1", 2);
        await topic.PublishAsync([head, next], Cancellation);

        var first = (await topic.AcceptNextSessionAsync(1, Cancellation)).ShouldNotBeNull();
        await topic.AbandonAsync(first, [head.Key.Value], Cancellation);
        await topic.ReleaseAsync(first, Cancellation);
        (await topic.AcceptNextSessionAsync(10, Cancellation)).ShouldBeNull("the later message must not overtake the abandoned one");
        _time.Advance(_options.RedeliveryDelay);
        var second = (await topic.AcceptNextSessionAsync(10, Cancellation)).ShouldNotBeNull();
        await topic.AbandonAsync(second, [head.Key.Value, next.Key.Value], Cancellation);
        await topic.ReleaseAsync(second, Cancellation);
        _time.Advance(_options.RedeliveryDelay * 2 - TimeSpan.FromMilliseconds(1));
        (await topic.AcceptNextSessionAsync(10, Cancellation)).ShouldBeNull("the second delay is twice the first");
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var third = (await topic.AcceptNextSessionAsync(10, Cancellation)).ShouldNotBeNull();

        first.Messages.Select(m => (m.MessageId, m.DeliveryCount)).ShouldBe([(head.Key.Value, 1)]);
        second.Messages.Select(m => (m.MessageId, m.DeliveryCount)).ShouldBe([(head.Key.Value, 2), (next.Key.Value, 1)]);
        third.Messages.Select(m => (m.MessageId, m.DeliveryCount)).ShouldBe([(head.Key.Value, 3), (next.Key.Value, 2)]);
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
            session.Messages.Single().ShouldSatisfyAllConditions(m => m.MessageId.ShouldBe(poison.Key.Value), m => m.DeliveryCount.ShouldBe(delivery));
            await topic.AbandonAsync(session, [poison.Key.Value], Cancellation);
            await topic.ReleaseAsync(session, Cancellation);
            _time.Advance(LocalTopicOptions.MaxRedeliveryDelay);
        }

        var after = (await topic.AcceptNextSessionAsync(10, Cancellation)).ShouldNotBeNull();

        after.Messages.Select(m => (m.MessageId, m.DeliveryCount)).ShouldBe([(healthy.Key.Value, 1)]);
        var letter = (await deadLetters.GetAsync(poison.Key.Value, Cancellation)).ShouldNotBeNull();
        letter.Reason.ShouldBe(SqliteEventTopic.MaxDeliveryCountExceeded);
        letter.Reason.ShouldBe("MaxDeliveryCountExceeded");
        letter.Sku.ShouldBe(sku);
        letter.Body.ShouldBe(InventoryEventJson.Serialize(poison));
        letter.DeliveryCount.ShouldBe(2);
        letter.DeadLetteredAt.ShouldBe(_time.GetUtcNow());
        (await topic.CountPendingAsync(Cancellation)).ShouldBe(1);
        (await topic.PublishAsync([poison], Cancellation)).Duplicates.ShouldBe([poison.Key], "a dead-lettered id is still remembered");
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

        (await new SqliteDeadLetterStore(_database).GetAsync(evt.Key.Value, Cancellation)).ShouldNotBeNull().DeliveryCount.ShouldBe(1);
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

        await topic.DeadLetterAsync(session, evt.Key.Value, "HandlerRejected", "quantity out of range", Cancellation);
        await topic.ReleaseAsync(session, Cancellation);

        var letter = (await new SqliteDeadLetterStore(_database).GetAsync(evt.Key.Value, Cancellation)).ShouldNotBeNull();
        letter.ShouldBe(new DeadLetter(evt.Key.Value, sku, InventoryEventJson.Serialize(evt), "HandlerRejected", "quantity out of range", 1, Epoch));
        var next = (await topic.AcceptNextSessionAsync(10, Cancellation)).ShouldNotBeNull();
        next.Messages.ShouldNotContain(m => m.MessageId == evt.Key.Value);
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
        await topic.CompleteAsync(session, [done.Key.Value], Cancellation);

        await topic.ReleaseAsync(session, Cancellation);

        var again = (await topic.AcceptNextSessionAsync(10, Cancellation)).ShouldNotBeNull();
        again.Messages.Select(m => (m.MessageId, m.DeliveryCount)).ShouldBe([(left.Key.Value, 2)]);
    }

    [Fact]
    public async Task Settle_MessageNotDeliveredInTheSession_IsRefused()
    {
        var topic = Topic();
        var sku = NewSku();
        var second = Received(sku, "dc-1", 2);
        await topic.PublishAsync([Received(sku, "dc-1", 1), second], Cancellation);
        var session = (await topic.AcceptNextSessionAsync(1, Cancellation)).ShouldNotBeNull();

        await Should.ThrowAsync<ArgumentException>(() => topic.CompleteAsync(session, [second.Key.Value], Cancellation));

        (await topic.CountPendingAsync(Cancellation)).ShouldBe(2);
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
            new SessionSettlement(sessions.Single(s => s.SessionId == done.Value), [completed.Key.Value], [], []),
            new SessionSettlement(sessions.Single(s => s.SessionId == mixed.Value), [], [(poison.Key.Value, "rejected", "never applies")], [retry.Key.Value]),
        ], Cancellation);

        lost.ShouldBeEmpty();
        (await topic.CountPendingAsync(Cancellation)).ShouldBe(1, "only the abandoned message is still to be delivered");
        (await new SqliteDeadLetterStore(_database).GetAsync(poison.Key.Value, Cancellation)).ShouldNotBeNull().Reason.ShouldBe("rejected");
        _time.Advance(_options.RedeliveryDelay);
        var again = (await topic.AcceptNextSessionAsync(10, Cancellation)).ShouldNotBeNull("the session was released");
        again.Messages.Single().MessageId.ShouldBe(retry.Key.Value);
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
        await topic.CompleteAsync(thief, [stolenEvent.Key.Value], Cancellation);
        (await topic.CountPendingAsync(Cancellation)).ShouldBe(0);
    }
}
