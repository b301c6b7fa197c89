using ServerlessInventory.Core.Domain;

namespace ServerlessInventory.Core.Ports;

/// <summary>One page of what a channel says it shows, in master SKUs, locations and units; the next follows <see cref="Continuation"/>, null on the last.</summary>
public sealed record ChannelLevelsPage(IReadOnlyList<ReportedLevel> Levels, string? Continuation);

/// <summary>
/// A channel that answers a query for what it shows, where others send <c>inventory.level.reported</c> events: a run
/// pulls its levels and keeps them as reported levels before comparing.
/// </summary>
public interface IChannelLevelSource
{
    /// <summary>The page after <paramref name="continuation"/> (the first when null); null when the channel cannot be asked.</summary>
    Task<ChannelLevelsPage?> PullAsync(ChannelId channel, string? continuation, CancellationToken cancellationToken);
}
