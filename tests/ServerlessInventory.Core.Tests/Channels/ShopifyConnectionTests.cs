using ServerlessInventory.Core.Availability;
using ServerlessInventory.Core.Channels;
using ServerlessInventory.Core.Domain;

namespace ServerlessInventory.Core.Tests.Channels;

/// <summary>A Shopify channel's connection from settings: its location rule, validation at start, and a token never printed.</summary>
public sealed class ShopifyConnectionTests
{
    private static ChannelOptions Shopify(Action<ChannelOptions>? edit = null)
    {
        var options = new ChannelOptions { Locations = ["dc-1"], Format = WebhookFormat.Shopify, ShopDomain = "acme.myshopify.com", AccessToken = "shpat_secret-token" };
        options.LocationMap["655441491"] = "dc-1";
        edit?.Invoke(options);
        return options;
    }

    [Fact]
    public void ToConnection_OneMappedShopifyLocation_PushesThereThroughShopifysEndpoint()
    {
        var shop = Shopify().ToConnection(new ChannelId("shop")).Shopify.ShouldNotBeNull();

        shop.LocationId.ShouldBe("655441491");
        shop.Endpoint.ShouldBe(new Uri("https://acme.myshopify.com/admin/api/2026-04/graphql.json"));
    }

    [Fact]
    public void ToConnection_TwoMappedLocationsAndOneNamed_PushesToTheNamedOne()
    {
        var shop = Shopify(o => { o.LocationMap["700"] = "store-1"; o.ShopifyLocationId = "700"; }).ToConnection(new ChannelId("shop")).Shopify.ShouldNotBeNull();

        shop.LocationId.ShouldBe("700");
    }

    [Theory]
    [InlineData("two mapped, none named", "shopifyLocationId")]
    [InlineData("not digits", "shopifyLocationId")]
    [InlineData("bad domain", "shopDomain")]
    [InlineData("plain http endpoint", "shopifyEndpoint")]
    public void CatalogValidation_BadShopifySetting_FailsNamingTheChannelAndTheField(string what, string field)
    {
        var options = Shopify(what switch
        {
            "two mapped, none named" => o => o.LocationMap["700"] = "store-1",
            "not digits" => o => o.ShopifyLocationId = "gid://shopify/Location/700",
            "bad domain" => o => o.ShopDomain = "acme.example.com",
            _ => o => o.ShopifyEndpoint = new Uri("http://shopify.example.com/graphql.json"),
        });
        var catalog = new CatalogOptions();
        catalog.Channels["shop"] = options;

        var result = new CatalogOptionsValidator().Validate(null, catalog);

        result.Failed.ShouldBeTrue(what);
        result.FailureMessage.ShouldContain($"channels:shop:{field}");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("@Microsoft.KeyVault(SecretUri=https://vault.vault.azure.net/secrets/shop-token)")]
    public void ToConnection_TokenMissingOrUnresolvedReference_NoShopifyConnection(string? token)
    {
        Shopify(o => o.AccessToken = token).ToConnection(new ChannelId("shop")).Shopify.ShouldBeNull();
    }

    [Fact]
    public void ToString_ConnectionAndChannel_NeverPrintTheToken()
    {
        var connection = Shopify().ToConnection(new ChannelId("shop"));

        connection.ToString().ShouldNotContain("shpat_secret-token");
        connection.Shopify!.ToString().ShouldNotContain("shpat_secret-token");
        connection.ToString().ShouldContain("acme.myshopify.com");
    }

    [Fact]
    public void ToConnection_CloudEventsChannelWithAShop_NotAShopifyConnection()
    {
        Shopify(o => o.Format = WebhookFormat.CloudEvents).ToConnection(new ChannelId("shop")).Shopify.ShouldBeNull();
    }
}
