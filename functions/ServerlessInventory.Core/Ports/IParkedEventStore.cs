using ServerlessInventory.Core.Domain;

namespace ServerlessInventory.Core.Ports;

/// <summary>
/// An event a channel sent that could not be accepted as it was (invalid, or not mappable to master data),
/// kept with its reason and its payload exactly as received so that it can be fixed and replayed.
/// </summary>
public sealed record ParkedEvent(
    string Id,
    ChannelId Channel,
    string? EventId,
    string Field,
    string Reason,
    string Payload,
    DateTimeOffset ParkedAt,
    DateTimeOffset? ReplayedAt = null)
{
    public bool IsReplayed => ReplayedAt is not null;
}

/// <summary>Parked events: never dropped, listable, replayable.</summary>
public interface IParkedEventStore
{
    /// <summary>Stores each one; parking the same id again keeps one copy with the latest reason.</summary>
    Task ParkAsync(IReadOnlyList<ParkedEvent> events, CancellationToken cancellationToken);

    Task<ParkedEvent?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Not yet replayed ones, oldest first.</summary>
    Task<Page<ParkedEvent>> ListAsync(int pageSize, string? continuation, CancellationToken cancellationToken);

    Task MarkReplayedAsync(string id, DateTimeOffset replayedAt, CancellationToken cancellationToken);

    /// <summary>How many are not yet replayed: what <see cref="ListAsync"/> would list.</summary>
    Task<long> CountAsync(CancellationToken cancellationToken);
}

/// <summary>One page of a listing; <see cref="Continuation"/> is null on the last page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Continuation);
