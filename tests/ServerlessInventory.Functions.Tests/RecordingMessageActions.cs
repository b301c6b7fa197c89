using Azure.Messaging.ServiceBus;
using Microsoft.Azure.Functions.Worker;

namespace ServerlessInventory.Functions.Tests;

/// <summary>Records how the function settled each message, as the Service Bus extension would carry it out.</summary>
internal sealed class RecordingMessageActions : ServiceBusMessageActions
{
    public List<string> Completed { get; } = [];

    public List<string> Abandoned { get; } = [];

    public List<(string MessageId, string? Reason, string? Description)> DeadLettered { get; } = [];

    public override Task CompleteMessageAsync(ServiceBusReceivedMessage message, CancellationToken cancellationToken = default)
    {
        Completed.Add(message.MessageId);
        return Task.CompletedTask;
    }

    public override Task AbandonMessageAsync(ServiceBusReceivedMessage message, IDictionary<string, object>? propertiesToModify = null, CancellationToken cancellationToken = default)
    {
        Abandoned.Add(message.MessageId);
        return Task.CompletedTask;
    }

    public override Task DeadLetterMessageAsync(
        ServiceBusReceivedMessage message,
        Dictionary<string, object>? propertiesToModify = null,
        string? deadLetterReason = null,
        string? deadLetterErrorDescription = null,
        CancellationToken cancellationToken = default)
    {
        DeadLettered.Add((message.MessageId, deadLetterReason, deadLetterErrorDescription));
        return Task.CompletedTask;
    }
}

/// <summary>The session's own actions; the apply function never needs them beyond being given them.</summary>
internal sealed class IdleSessionActions : ServiceBusSessionMessageActions;
