namespace ServerlessInventory.LocalRunner.Tests.Support;

/// <summary>
/// The channel registry is read again every second (<c>ChannelRegistry:CacheDuration</c>), so an edit through
/// <c>/api/ops/channels</c> is seen quickly; <c>marketplace</c>, a channel only the tests register, has its webhook
/// secret in configuration, where secrets live.
/// </summary>
public sealed class RegistryRunnerFixture : RunnerFixture
{
    public const string MarketplaceSecret = "e2e-marketplace-secret";

    public static readonly TimeSpan CacheDuration = TimeSpan.FromSeconds(1);

    protected override Dictionary<string, string> Settings()
    {
        var settings = RunnerSettings.Defaults();
        settings["ChannelRegistry:CacheDuration"] = CacheDuration.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
        settings["Catalog:Channels:marketplace:Secret"] = MarketplaceSecret;
        return settings;
    }
}
