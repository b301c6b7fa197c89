using ServerlessInventory.Core.Availability;
using ServerlessInventory.Core.Channels;

namespace ServerlessInventory.Testing.Shopify;

public static class SimulatorChannel
{
    /// <summary>
    /// A Shopify channel selling <paramref name="masterLocation"/>, pushed to <paramref name="simulator"/> at its location
    /// <paramref name="shopifyLocation"/> (mapped to the master one), with no SKU mapped yet.
    /// </summary>
    public static ChannelOptions ShopifyChannel(this ShopifyAdminSimulator simulator, string masterLocation, long shopifyLocation)
    {
        var channel = new ChannelOptions
        {
            Locations = [masterLocation],
            Format = WebhookFormat.Shopify,
            ShopDomain = simulator.ShopDomain,
            AccessToken = simulator.AccessToken,
            ShopifyEndpoint = simulator.Endpoint,
        };
        channel.LocationMap[$"{shopifyLocation}"] = masterLocation;
        return channel;
    }
}
