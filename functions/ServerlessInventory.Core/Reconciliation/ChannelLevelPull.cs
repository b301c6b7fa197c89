using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Core.Reconciliation;

/// <summary>
/// Brings what a channel that answers queries shows into the reported levels, page by page, before a run compares:
/// from then on its levels are compared exactly like those a channel reports by event (the latest true one wins).
/// </summary>
public sealed partial class ChannelLevelPull(
    IChannelLevelSource source,
    IReportedLevelStore reportedLevels,
    IOptions<ReconciliationOptions> options,
    ILogger<ChannelLevelPull> logger)
{
    /// <summary>The levels kept; 0 for a channel that cannot be asked.</summary>
    public async Task<int> PullAsync(ChannelId channel, CancellationToken cancellationToken)
    {
        var (kept, pages) = (0, 0);
        string? continuation = null;
        do
        {
            if (await source.PullAsync(channel, continuation, cancellationToken).ConfigureAwait(false) is not { } page)
            {
                return kept;
            }
            if (page.Levels.Count > 0)
            {
                await reportedLevels.RecordAsync(page.Levels, cancellationToken).ConfigureAwait(false);
            }
            kept += page.Levels.Count;
            continuation = page.Continuation;
            if (++pages >= options.Value.MaxPullPages && continuation is not null)
            {
                // A channel whose continuations never end must not keep a run from ever comparing.
                LogTooManyPages(logger, channel, pages);
                return kept;
            }
        }
        while (continuation is not null);
        return kept;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pulling the levels of {Channel} stopped after {Pages} pages (Reconciliation:MaxPullPages); the run compares what it has")]
    private static partial void LogTooManyPages(ILogger logger, ChannelId channel, int pages);
}

/// <summary>No channel answers queries: every channel reports its levels by event.</summary>
public sealed class NoChannelLevelSource : IChannelLevelSource
{
    public Task<ChannelLevelsPage?> PullAsync(ChannelId channel, string? continuation, CancellationToken cancellationToken) =>
        Task.FromResult<ChannelLevelsPage?>(null);
}
