namespace ServerlessInventory.Functions.Messaging;

/// <summary>
/// The reasons a message is dead-lettered with, as the dead-letter store and the broker both keep them. One list, so
/// <see cref="RecordBrokerDeadLetters"/> tells the ones <see cref="ApplyInventoryEvents"/> already recorded from those
/// the broker dead-lettered by itself.
/// </summary>
public static class DeadLetterReasons
{
    /// <summary>The body is not an inventory event (its field and reason are the description).</summary>
    public const string InvalidEvent = "invalid_event";

    /// <summary>Applying kept failing until the delivery count ran out (the last failure is the description).</summary>
    public const string ApplyFailed = "apply_failed";

    /// <summary>Core decided the event can never apply (its reason is the description).</summary>
    public const string Rejected = "rejected";

    /// <summary>Recorded for a broker dead letter that carries no reason of its own.</summary>
    public const string BrokerDeadLettered = "broker_dead_lettered";

    /// <summary>The reasons <see cref="ApplyInventoryEvents"/> dead-letters with, after recording the message itself.</summary>
    public static IReadOnlySet<string> RecordedByApply { get; } = new HashSet<string>(StringComparer.Ordinal) { InvalidEvent, ApplyFailed, Rejected };
}
