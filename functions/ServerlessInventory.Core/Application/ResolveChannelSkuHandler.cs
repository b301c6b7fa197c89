using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Core.Application;

/// <summary>The master SKU a channel's own SKU stands for, and how many master units one channel unit is.</summary>
public sealed record ChannelSkuView(ChannelId Channel, string ChannelSku, Sku Sku, int UnitFactor, bool Mapped);

/// <summary>
/// Looks a channel's SKU up through the channel's mapping, as an inbound event from that channel would be mapped:
/// a mapped SKU names its master SKU and unit factor; an unmapped one is the master SKU itself unless the channel
/// requires every SKU to be mapped. Null when the channel is not configured or does not list the SKU.
/// </summary>
public sealed class ResolveChannelSkuHandler(IInventoryCatalogSource catalogSource)
{
    public async Task<ChannelSkuView?> HandleAsync(ChannelId channel, string channelSku, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(channelSku))
        {
            throw new DomainValidationException("channelSku", "must not be empty");
        }
        var catalog = await catalogSource.GetCatalogAsync(cancellationToken).ConfigureAwait(false);
        if (!catalog.TryGetConnection(channel, out var connection))
        {
            return null;
        }
        if (connection.Mapping.TryResolve(channelSku, out var mapping))
        {
            return new ChannelSkuView(channel, channelSku, mapping.Sku, mapping.UnitFactor, Mapped: true);
        }
        return connection.Mapping.RequireSkuMapping ? null : new ChannelSkuView(channel, channelSku, new Sku(channelSku), 1, Mapped: false);
    }
}
