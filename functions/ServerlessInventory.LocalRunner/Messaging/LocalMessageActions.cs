using Azure.Messaging.ServiceBus;
using Microsoft.Azure.Functions.Worker;
using ServerlessInventory.Adapters.Sqlite;

namespace ServerlessInventory.LocalRunner.Messaging;

/// <summary>
/// Settlement as the function asks for it, recorded and applied to the local topic after the invocation, together
/// with the other sessions of its group and their release, in one transaction. Messages left unsettled go back to the
/// topic, as they would when a Service Bus lock runs out. If the process dies first, nothing was settled and the
/// batch is delivered again (the ledger applies each event once).
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

    /// <summary>
    /// What the function decided, to be applied with the session's release. After a failed invocation
    /// (<paramref name="failed"/>), everything it had not settled is abandoned for redelivery.
    /// </summary>
    public SessionSettlement ToSettlement(bool failed)
    {
        lock (_gate)
        {
            var abandoned = new List<string>(_abandoned);
            if (failed)
            {
                var settled = _completed.Concat(_deadLettered.Select(d => d.MessageId)).Concat(_abandoned).ToHashSet(StringComparer.Ordinal);
                abandoned.AddRange(session.Messages.Select(m => m.MessageId).Where(id => !settled.Contains(id)));
            }
            return new SessionSettlement(session, [.. _completed], [.. _deadLettered], abandoned);
        }
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
