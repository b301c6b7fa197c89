using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using ServerlessInventory.Core.Application;
using ServerlessInventory.Core.Domain;

namespace ServerlessInventory.Adapters.Channels;

/// <summary>
/// <c>inventory.push.queued</c> (meter <c>ServerlessInventory</c>), by channel: values handed to a channel's sink and not
/// yet answered, i.e. waiting for a rate-limit slot, for Shopify's cost bucket, or for the channel itself.
/// </summary>
public sealed class ChannelPushMetrics
{
    private readonly ConcurrentDictionary<ChannelId, int> _queued = new();

    public ChannelPushMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(InventoryMetrics.MeterName);
        meter.CreateObservableGauge("inventory.push.queued", Observe, "{push}", "Availability values owed to a channel and waiting in its push sink.");
    }

    /// <summary>How many wait for <paramref name="channel"/> now.</summary>
    public int QueuedFor(ChannelId channel) => _queued.GetValueOrDefault(channel);

    public void Enqueued(ChannelId channel, int count) => _queued.AddOrUpdate(channel, count, (_, n) => n + count);

    public void Answered(ChannelId channel, int count) => _queued.AddOrUpdate(channel, 0, (_, n) => n - count);

    private IEnumerable<Measurement<int>> Observe() =>
        _queued.Select(pair => new Measurement<int>(pair.Value, new KeyValuePair<string, object?>("channel", pair.Key.Value)));
}
