using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;
using ServerlessInventory.Core.Serialization;

namespace ServerlessInventory.Core.Application;

/// <summary>How an ops replay ended.</summary>
public enum ReplayStatus
{
    Replayed,
    NotFound,

    /// <summary>Already replayed once; replaying again would change nothing.</summary>
    AlreadyReplayed,

    /// <summary>Still cannot be accepted: <see cref="ReplayResult.Reason"/> says why, and it stays where it was.</summary>
    StillInvalid,
}

public sealed record ReplayResult(ReplayStatus Status, string? Field = null, string? Reason = null);

/// <summary>
/// Replays a parked event after ops fixed what was wrong (usually a missing mapping): it is read again exactly
/// as the channel sent it, with today's mapping, and published if it now passes.
/// </summary>
public sealed class ReplayParkedEventHandler(
    IParkedEventStore parked,
    IInventoryCatalogSource catalogSource,
    IEventPublisher publisher,
    TimeProvider timeProvider)
{
    public async Task<ReplayResult> HandleAsync(string id, CancellationToken cancellationToken)
    {
        if (await parked.GetAsync(id, cancellationToken).ConfigureAwait(false) is not { } parkedEvent)
        {
            return new ReplayResult(ReplayStatus.NotFound);
        }
        if (parkedEvent.IsReplayed)
        {
            return new ReplayResult(ReplayStatus.AlreadyReplayed);
        }
        var catalog = await catalogSource.GetCatalogAsync(cancellationToken).ConfigureAwait(false);
        if (!catalog.TryGetConnection(parkedEvent.Channel, out var connection))
        {
            return new ReplayResult(ReplayStatus.StillInvalid, "channel", $"channel '{parkedEvent.Channel}' is no longer configured");
        }
        var read = Channels.ChannelEventReader.Read(connection, parkedEvent.Payload);
        if (read.Event is not { } evt)
        {
            await parked.ParkAsync([parkedEvent with { Field = read.Field!, Reason = read.Reason! }], cancellationToken).ConfigureAwait(false);
            return new ReplayResult(ReplayStatus.StillInvalid, read.Field, read.Reason);
        }
        await publisher.PublishAsync([evt], cancellationToken).ConfigureAwait(false);
        await parked.MarkReplayedAsync(id, timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return new ReplayResult(ReplayStatus.Replayed);
    }
}

/// <summary>
/// Replays a dead letter by applying its event now, through the same handler the topic uses. Applied or already
/// applied removes it; a rejection keeps it, with the reason returned.
/// </summary>
public sealed class ReplayDeadLetterHandler(IDeadLetterStore deadLetters, ApplyEventsHandler apply)
{
    public async Task<ReplayResult> HandleAsync(string messageId, CancellationToken cancellationToken)
    {
        if (await deadLetters.GetAsync(messageId, cancellationToken).ConfigureAwait(false) is not { } deadLetter)
        {
            return new ReplayResult(ReplayStatus.NotFound);
        }
        var parsed = InventoryEventJson.Parse(deadLetter.Body);
        if (parsed.Event is not { } evt)
        {
            return new ReplayResult(ReplayStatus.StillInvalid, parsed.Field, parsed.Reason);
        }
        var outcome = (await apply.HandleAsync([evt], cancellationToken).ConfigureAwait(false))[0];
        if (outcome.Disposition == EventDisposition.Rejected)
        {
            return new ReplayResult(ReplayStatus.StillInvalid, "event", outcome.Reason);
        }
        await deadLetters.RemoveAsync(messageId, cancellationToken).ConfigureAwait(false);
        return new ReplayResult(ReplayStatus.Replayed);
    }
}
