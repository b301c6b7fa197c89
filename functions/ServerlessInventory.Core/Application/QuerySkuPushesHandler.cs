using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Core.Application;

/// <summary>What one channel was last sent for a SKU: the value and version, and whether it still owes an acknowledgement.</summary>
public sealed record ChannelPushView(ChannelId Channel, bool Configured, PushState? Latest)
{
    public bool Owed => Latest is { Delivered: false };
}

/// <summary>
/// A SKU's push state per channel, for ops: every configured channel in name order (one never pushed the SKU has no
/// state), then any channel the store still holds state for that is no longer configured.
/// </summary>
public sealed class QuerySkuPushesHandler(IPushStateStore pushes, IInventoryCatalogSource catalogSource)
{
    public async Task<IReadOnlyList<ChannelPushView>> HandleAsync(Sku sku, CancellationToken cancellationToken)
    {
        var catalog = await catalogSource.GetCatalogAsync(cancellationToken).ConfigureAwait(false);
        var states = (await pushes.GetAsync([sku], cancellationToken).ConfigureAwait(false)).ToDictionary(s => s.Channel);
        var configured = catalog.Channels.Select(c => c.Channel).ToHashSet();
        return [.. configured.Union(states.Keys)
            .OrderBy(c => c.Value, StringComparer.Ordinal)
            .Select(channel => new ChannelPushView(channel, configured.Contains(channel), states.GetValueOrDefault(channel)))];
    }
}
