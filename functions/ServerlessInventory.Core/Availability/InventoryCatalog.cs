using System.Collections.Frozen;
using ServerlessInventory.Core.Channels;
using ServerlessInventory.Core.Domain;

namespace ServerlessInventory.Core.Availability;

/// <summary>
/// The configured data availability is computed from: every channel's policy and the safety stock of
/// positions (a position's own value wins over its SKU's, which wins over the default).
/// </summary>
public sealed class InventoryCatalog
{
    private readonly FrozenDictionary<ChannelId, ChannelPolicy> _channels;
    private readonly FrozenDictionary<Sku, int> _skuSafetyStock;
    private readonly FrozenDictionary<(Sku, LocationId), int> _positionSafetyStock;
    private readonly FrozenDictionary<ChannelId, ChannelConnection> _connections;

    public InventoryCatalog(
        IEnumerable<ChannelPolicy> channels,
        int defaultSafetyStock = 0,
        IReadOnlyDictionary<Sku, int>? skuSafetyStock = null,
        IReadOnlyDictionary<(Sku, LocationId), int>? positionSafetyStock = null,
        IEnumerable<ChannelConnection>? connections = null)
    {
        _connections = (connections ?? []).ToFrozenDictionary(c => c.Channel);
        _channels = channels.ToFrozenDictionary(c => c.Channel);
        DefaultSafetyStock = Guard.NotNegative(defaultSafetyStock);
        _skuSafetyStock = (skuSafetyStock ?? new Dictionary<Sku, int>()).ToFrozenDictionary(p => p.Key, p => Guard.NotNegative(p.Value, "safetyStock"));
        _positionSafetyStock = (positionSafetyStock ?? new Dictionary<(Sku, LocationId), int>()).ToFrozenDictionary(p => p.Key, p => Guard.NotNegative(p.Value, "safetyStock"));
    }

    public static InventoryCatalog Empty { get; } = new([]);

    public int DefaultSafetyStock { get; }

    public IReadOnlyCollection<ChannelPolicy> Channels => _channels.Values;

    public bool TryGetChannel(ChannelId channel, out ChannelPolicy policy) => _channels.TryGetValue(channel, out policy!);

    /// <summary>How a channel sends webhooks and receives pushes; absent for a channel that is not configured.</summary>
    public bool TryGetConnection(ChannelId channel, out ChannelConnection connection) => _connections.TryGetValue(channel, out connection!);

    public IReadOnlyCollection<ChannelConnection> Connections => _connections.Values;

    public int SafetyStock(Sku sku, LocationId location) =>
        _positionSafetyStock.TryGetValue((sku, location), out var own) ? own
        : _skuSafetyStock.TryGetValue(sku, out var forSku) ? forSku
        : DefaultSafetyStock;
}

/// <summary>The single value of a channel's availability for one SKU.</summary>
public sealed record ChannelAvailability(ChannelId Channel, int Available);
