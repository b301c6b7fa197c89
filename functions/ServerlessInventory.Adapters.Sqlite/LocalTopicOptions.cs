using System.ComponentModel.DataAnnotations;

namespace ServerlessInventory.Adapters.Sqlite;

/// <summary>
/// The local durable topic that stands in for the Service Bus topic <c>inventory-events</c> and its
/// session-enabled subscription. Bound from the <c>LocalTopic</c> section and validated at start; the
/// defaults are Service Bus's own where it has one.
/// </summary>
public sealed class LocalTopicOptions
{
    public const string SectionName = "LocalTopic";

    /// <summary>
    /// How long an accepted session stays locked to its receiver unless renewed (default 30 s, Service Bus's
    /// default lock duration). When it runs out, another receiver may take the session and its unsettled messages.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan LockDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long an abandoned message waits before it is delivered again the first time (default 1 s). The wait
    /// doubles with each delivery the message has had and never exceeds <see cref="MaxRedeliveryDelay"/> (30 s).
    /// Zero redelivers at once.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:30")]
    public TimeSpan RedeliveryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long after it was enqueued a message id is remembered, so that publishing the same id again is dropped
    /// as a duplicate (default 1 day; Service Bus allows 20 s to 7 days). Settled messages are purged after it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:20", "7.00:00:00")]
    public TimeSpan DuplicateDetectionWindow { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// How many times a message is delivered before the topic dead-letters it with reason
    /// <c>MaxDeliveryCountExceeded</c> instead of delivering it again (default 10, Service Bus's default).
    /// </summary>
    [Range(1, 2000)]
    public int MaxDeliveryCount { get; set; } = 10;

    /// <summary>The cap on the doubling redelivery delay.</summary>
    public static TimeSpan MaxRedeliveryDelay { get; } = TimeSpan.FromSeconds(30);
}
