using System.Globalization;
using ServerlessInventory.Testing.Shopify;

namespace ServerlessInventory.LocalRunner.Tests.Support;

/// <summary>
/// The runner with a Shopify channel <c>shopify</c> selling store-1, pointed at a Shopify Admin simulator whose bucket
/// holds <see cref="BucketSize"/> points (the most one query may cost) refilling <see cref="RestoreRate"/> a second (the Standard plan). Its pooled
/// availability is set at Shopify location <see cref="Location"/> (mapped to store-1); <see cref="Items"/> master SKUs
/// are mapped to inventory items <c>{FirstItem}</c> on, each stocked at 0 on Shopify. The retry round never runs during
/// a test and reconciliation has no settling window.
/// </summary>
public sealed class ShopifyRunnerFixture : RunnerFixture
{
    public const string Channel = "shopify";

    public const long Location = 655441491;

    public const long FirstItem = 808950810;

    public const int Items = 520;

    public const double RestoreRate = 100;

    public const double BucketSize = 1000;

    /// <summary>The app's client secret, which Shopify signs its webhooks with.</summary>
    public const string ClientSecret = "shopify-e2e-client-secret";

    private ShopifyAdminSimulator? _simulator;

    public ShopifyAdminSimulator Simulator => _simulator ?? throw new InvalidOperationException("the fixture is not initialized");

    /// <summary>Master SKU i (0-based) is inventory item <see cref="FirstItem"/> + i.</summary>
    public IReadOnlyList<string> Skus { get; } = [.. Enumerable.Range(0, Items).Select(i => Unique.Sku($"SHOP-{i}"))];

    public long ItemOf(string sku) => FirstItem + Skus.ToList().IndexOf(sku);

    protected override async ValueTask StartDependenciesAsync(CancellationToken cancellationToken)
    {
        _simulator = await ShopifyAdminSimulator.StartAsync(RestoreRate, BucketSize, cancellationToken);
        for (var i = 0; i < Items; i++)
        {
            _simulator.AdminSet(FirstItem + i, Location, 0);
        }
    }

    protected override async ValueTask StopDependenciesAsync()
    {
        if (_simulator is not null)
        {
            await _simulator.DisposeAsync();
            _simulator = null;
        }
    }

    protected override Dictionary<string, string> Settings()
    {
        var settings = RunnerSettings.Defaults();
        settings["RetryPushesSchedule"] = "0 0 0 1 1 *";
        settings["Reconciliation:SettlingWindow"] = "00:00:00";
        var prefix = $"Catalog:Channels:{Channel}:";
        settings[prefix + "Locations:0"] = "store-1";
        settings[prefix + "Format"] = "Shopify";
        settings[prefix + "Secret"] = ClientSecret;
        settings[prefix + "ShopDomain"] = Simulator.ShopDomain;
        settings[prefix + "AccessToken"] = Simulator.AccessToken;
        settings[prefix + "ShopifyEndpoint"] = Simulator.Endpoint.ToString();
        settings[prefix + "RequireSkuMapping"] = "true";
        settings[prefix + $"LocationMap:{Location}"] = "store-1";
        for (var i = 0; i < Items; i++)
        {
            settings[prefix + $"SkuMap:{(FirstItem + i).ToString(CultureInfo.InvariantCulture)}:Sku"] = Skus[i];
        }
        return settings;
    }
}
