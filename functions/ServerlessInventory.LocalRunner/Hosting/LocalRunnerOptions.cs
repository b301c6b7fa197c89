using System.ComponentModel.DataAnnotations;

namespace ServerlessInventory.LocalRunner.Hosting;

/// <summary>Where the runner keeps the master and the repositories.</summary>
public enum RunnerStorage
{
    /// <summary>One SQLite file, nothing else installed (the default).</summary>
    Embedded,

    /// <summary>
    /// The Azure adapters: the master on Cosmos DB (<c>Cosmos:*</c>), the repositories on Table storage (<c>Tables:*</c>),
    /// against the local stand-ins (<c>infra/start-standins.sh</c>) or real accounts. Events still travel on the
    /// durable local topic: Service Bus has no local stand-in, and its REST API cannot receive from sessions.
    /// </summary>
    Azure,
}

/// <summary>How the runner drives the non-HTTP triggers. Bound from the <c>LocalRunner</c> section and validated at start.</summary>
public sealed class LocalRunnerOptions
{
    public const string SectionName = "LocalRunner";

    /// <summary>
    /// The key every route whose trigger is not Anonymous (reservations, queries, ops) requires in its
    /// <c>x-functions-key</c> header, as the Functions host reads its keys (default none: no key is asked, and the
    /// runner then refuses to listen on anything but loopback). A secret: never logged, never in appsettings.json.
    /// </summary>
    [MinLength(MinimumOpsKeyLength)]
    public string? OpsKey { get; set; }

    /// <summary>Shortest key accepted: 16 characters, so a configured key cannot be guessed in a few tries.</summary>
    public const int MinimumOpsKeyLength = 16;

    /// <summary>Embedded (default) or Azure: see <see cref="RunnerStorage"/>.</summary>
    public RunnerStorage Storage { get; set; } = RunnerStorage.Embedded;

    /// <summary>Sessions (SKUs) applied at once, as host.json's maxConcurrentSessions (default 16).</summary>
    [Range(1, 256)]
    public int MaxConcurrentSessions { get; set; } = 16;

    /// <summary>
    /// Workers sharing those sessions (default 2). Each takes its share of sessions in one transaction and settles
    /// them in one more, so fewer workers mean fewer writes and more workers mean less waiting on a slow session.
    /// </summary>
    [Range(1, 64)]
    public int TopicWorkers { get; set; } = 2;

    /// <summary>
    /// Most messages of one session delivered in one batch, as host.json's maxMessageBatchSize (default 49: the most
    /// events one commit holds, <see cref="Core.Domain.SkuCommit.MaxEvents"/>, so one batch is one commit).
    /// </summary>
    [Range(1, 1000)]
    public int MaxMessageBatchSize { get; set; } = Core.Domain.SkuCommit.MaxEvents;

    /// <summary>
    /// Longest an idle change-feed pump waits before looking again (default 100 ms). Every commit of this process
    /// wakes it at once; this bounds only changes committed by another process on the same database file.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:10")]
    public TimeSpan ChangeFeedPollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Most changes handed to the push function at once (default 500).</summary>
    [Range(1, 10_000)]
    public int ChangeFeedBatchSize { get; set; } = 500;

    /// <summary>How often settled messages older than the topic's duplicate detection window are deleted (default 10 min).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan TopicPurgeInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Longest an idle topic worker sleeps before looking again; new events wake it at once (default 250 ms).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:10")]
    public TimeSpan TopicIdleWait { get; set; } = TimeSpan.FromMilliseconds(250);
}
