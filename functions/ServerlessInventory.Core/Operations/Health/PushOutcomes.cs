using System.Collections.Concurrent;
using ServerlessInventory.Core.Domain;

namespace ServerlessInventory.Core.Operations.Health;

/// <summary>A push the channel acknowledged.</summary>
public sealed record PushAcknowledgement(string Sku, long Version, DateTimeOffset At);

/// <summary>A push that failed, with why (the push sink's message: never the channel's secret, which is not in it).</summary>
public sealed record PushFailure(string Sku, long Version, DateTimeOffset At, string Reason);

/// <summary>
/// The last push each channel acknowledged and the last that failed, as this instance saw them. Push state records
/// what is owed durably; this adds what no store keeps: when and why the last push failed.
/// </summary>
public sealed class PushOutcomes(TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<ChannelId, PushAcknowledgement> _acknowledged = new();
    private readonly ConcurrentDictionary<ChannelId, PushFailure> _failed = new();

    public void Acknowledged(ChannelId channel, Sku sku, long version) =>
        _acknowledged[channel] = new PushAcknowledgement(sku.Value, version, timeProvider.GetUtcNow());

    public void Failed(ChannelId channel, Sku sku, long version, string reason) =>
        _failed[channel] = new PushFailure(sku.Value, version, timeProvider.GetUtcNow(), reason);

    public PushAcknowledgement? LastAcknowledged(ChannelId channel) => _acknowledged.GetValueOrDefault(channel);

    public PushFailure? LastFailed(ChannelId channel) => _failed.GetValueOrDefault(channel);
}
