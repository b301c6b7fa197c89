using System.Collections.Concurrent;
using System.Globalization;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Events;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Testing;

// Fakes of the ports around Core, for tests of logic only: the real ones (SQLite, Azure) have contract tests.

/// <summary>Records what was published and drops a message id (event key) it already has, as a topic with duplicate detection does.</summary>
public sealed class RecordingEventPublisher : IEventPublisher
{
    private readonly ConcurrentDictionary<EventKey, InventoryEvent> _published = new();

    public IReadOnlyCollection<InventoryEvent> Published => [.. _published.Values];

    public Task<PublishResult> PublishAsync(IReadOnlyList<InventoryEvent> events, CancellationToken cancellationToken) =>
        Task.FromResult(new PublishResult([.. events.Where(e => !_published.TryAdd(e.Key, e)).Select(e => e.Key)]));
}

/// <summary>Records every push; can be told to fail, as a channel that is down.</summary>
public sealed class RecordingAvailabilitySink : IAvailabilitySink
{
    private readonly ConcurrentQueue<AvailabilityUpdate> _pushed = new();

    public bool Down { get; set; }

    public IReadOnlyList<AvailabilityUpdate> Pushed => [.. _pushed];

    public Task PushAsync(AvailabilityUpdate update, CancellationToken cancellationToken)
    {
        if (Down)
        {
            throw new HttpRequestException($"{update.Channel} is down");
        }
        _pushed.Enqueue(update);
        return Task.CompletedTask;
    }
}

public sealed class InMemoryParkedEventStore : IParkedEventStore
{
    private readonly ConcurrentDictionary<string, ParkedEvent> _parked = new(StringComparer.Ordinal);

    public Task ParkAsync(IReadOnlyList<ParkedEvent> events, CancellationToken cancellationToken)
    {
        foreach (var parked in events)
        {
            _parked[parked.Id] = parked;
        }
        return Task.CompletedTask;
    }

    public Task<ParkedEvent?> GetAsync(string id, CancellationToken cancellationToken) => Task.FromResult(_parked.GetValueOrDefault(id));

    public Task<Page<ParkedEvent>> ListAsync(int pageSize, string? continuation, CancellationToken cancellationToken) =>
        Task.FromResult(Paged(_parked.Values.Where(p => !p.IsReplayed).OrderBy(p => p.ParkedAt).ThenBy(p => p.Id, StringComparer.Ordinal), pageSize, continuation));

    public Task MarkReplayedAsync(string id, DateTimeOffset replayedAt, CancellationToken cancellationToken)
    {
        _parked.AddOrUpdate(id, _ => throw new KeyNotFoundException(id), (_, p) => p with { ReplayedAt = replayedAt });
        return Task.CompletedTask;
    }

    public Task<long> CountAsync(CancellationToken cancellationToken) => Task.FromResult((long)_parked.Values.Count(p => !p.IsReplayed));

    internal static Page<T> Paged<T>(IEnumerable<T> ordered, int pageSize, string? continuation)
    {
        var offset = continuation is null ? 0 : int.Parse(continuation, CultureInfo.InvariantCulture);
        var page = ordered.Skip(offset).Take(pageSize + 1).ToList();
        return page.Count > pageSize
            ? new Page<T>(page[..pageSize], (offset + pageSize).ToString(CultureInfo.InvariantCulture))
            : new Page<T>(page, null);
    }
}

public sealed class InMemoryDeadLetterStore : IDeadLetterStore
{
    private readonly ConcurrentDictionary<string, DeadLetter> _letters = new(StringComparer.Ordinal);

    public Task AddAsync(DeadLetter deadLetter, CancellationToken cancellationToken)
    {
        _letters[deadLetter.MessageId] = deadLetter;
        return Task.CompletedTask;
    }

    public Task<DeadLetter?> GetAsync(string messageId, CancellationToken cancellationToken) => Task.FromResult(_letters.GetValueOrDefault(messageId));

    public Task<Page<DeadLetter>> ListAsync(int pageSize, string? continuation, CancellationToken cancellationToken) =>
        Task.FromResult(InMemoryParkedEventStore.Paged(_letters.Values.OrderBy(d => d.DeadLetteredAt).ThenBy(d => d.MessageId, StringComparer.Ordinal), pageSize, continuation));

    public Task RemoveAsync(string messageId, CancellationToken cancellationToken)
    {
        _letters.TryRemove(messageId, out _);
        return Task.CompletedTask;
    }

    public Task<long> CountAsync(CancellationToken cancellationToken) => Task.FromResult((long)_letters.Count);
}

/// <summary>Push state in a dictionary; each save is decided by <see cref="PushState.Supersedes"/> under a lock, as the real stores decide it atomically.</summary>
public sealed class InMemoryPushStateStore : IPushStateStore
{
    private readonly Dictionary<(ChannelId, Sku), PushState> _states = [];
    private readonly Lock _gate = new();

    public Task<IReadOnlyList<PushState>> GetAsync(IReadOnlyCollection<Sku> skus, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<PushState>>([.. _states.Values.Where(s => skus.Contains(s.Sku))]);
        }
    }

    public Task<IReadOnlyList<PushState>> SaveAsync(IReadOnlyList<PushState> states, CancellationToken cancellationToken)
    {
        var refused = new List<PushState>();
        lock (_gate)
        {
            foreach (var state in states)
            {
                if (state.Supersedes(_states.GetValueOrDefault((state.Channel, state.Sku))))
                {
                    _states[(state.Channel, state.Sku)] = state;
                }
                else
                {
                    refused.Add(state);
                }
            }
        }
        return Task.FromResult<IReadOnlyList<PushState>>(refused);
    }

    public Task<IReadOnlyList<PushState>> ListUndeliveredAsync(int limit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<PushState>>([.. _states.Values.Where(s => !s.Delivered).OrderBy(s => s.UpdatedAt).Take(limit)]);
        }
    }
}
