using Azure.Messaging.ServiceBus;
using Microsoft.Azure.Functions.Worker;
using ServerlessInventory.Adapters.Sqlite;

namespace ServerlessInventory.LocalRunner.Messaging;

/// <summary>
/// Settlement as the function asks for it, applied to the local topic when the invocation ends: one transaction
/// for the whole batch instead of one per message. Messages left unsettled go back to the topic, as they would when a
/// Service Bus lock runs out. If the process dies first, nothing was settled and the batch is delivered again.
/// </summary>
public sealed class LocalMessageActions(SqliteEventTopic topic, TopicSession session) : ServiceBusMessageActions
{
    private readonly List<string> _completed = [];
    private readonly List<string> _abandoned = [];
    private readonly List<(string MessageId, string Reason, string? Description)> _deadLettered = [];
    private readonly Lock _gate = new();

    public override Task CompleteMessageAsync(ServiceBusReceivedMessage message, CancellationToken cancellationToken = default) =>
        Record(() => _completed.Add(message.MessageId));

    public override Task AbandonMessageAsync(ServiceBusReceivedMessage message, IDictionary<string, object>? propertiesToModify = null, CancellationToken cancellationToken = default) =>
        Record(() => _abandoned.Add(message.MessageId));

    public override Task DeadLetterMessageAsync(
        ServiceBusReceivedMessage message,
        Dictionary<string, object>? propertiesToModify = null,
        string? deadLetterReason = null,
        string? deadLetterErrorDescription = null,
        CancellationToken cancellationToken = default) =>
        Record(() => _deadLettered.Add((message.MessageId, deadLetterReason ?? "dead-lettered", deadLetterErrorDescription)));

    public override Task RenewMessageLockAsync(ServiceBusReceivedMessage message, CancellationToken cancellationToken = default) =>
        topic.RenewAsync(session, cancellationToken);

    /// <summary>Applies what the function decided, then releases the session so its next messages can be delivered.</summary>
    public async Task SettleAsync(CancellationToken cancellationToken)
    {
        if (_completed.Count > 0)
        {
            await topic.CompleteAsync(session, _completed, cancellationToken).ConfigureAwait(false);
        }
        foreach (var (messageId, reason, description) in _deadLettered)
        {
            await topic.DeadLetterAsync(session, messageId, reason, description, cancellationToken).ConfigureAwait(false);
        }
        if (_abandoned.Count > 0)
        {
            await topic.AbandonAsync(session, _abandoned, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>After a failed invocation: everything not yet settled is abandoned for redelivery.</summary>
    public Task AbandonUnsettledAsync(CancellationToken cancellationToken)
    {
        var settled = _completed.Concat(_deadLettered.Select(d => d.MessageId)).ToHashSet(StringComparer.Ordinal);
        _abandoned.AddRange(session.Messages.Select(m => m.MessageId).Where(id => !settled.Contains(id) && !_abandoned.Contains(id)));
        return SettleAsync(cancellationToken);
    }

    private Task Record(Action settle)
    {
        lock (_gate)
        {
            settle();
        }
        return Task.CompletedTask;
    }
}

/// <summary>The session's own actions on the local topic: its lock, renewed or released.</summary>
public sealed class LocalSessionActions : ServiceBusSessionMessageActions
{
    private readonly SqliteEventTopic _topic;
    private TopicSession _session;

    public LocalSessionActions(SqliteEventTopic topic, TopicSession session)
    {
        _topic = topic;
        _session = session;
        SessionLockedUntil = session.LockedUntil;
    }

    public override async Task RenewSessionLockAsync(CancellationToken cancellationToken = default)
    {
        _session = await _topic.RenewAsync(_session, cancellationToken).ConfigureAwait(false);
        SessionLockedUntil = _session.LockedUntil;
    }

    public override Task ReleaseSession(CancellationToken cancellationToken = default) => _topic.ReleaseAsync(_session, cancellationToken);
}
