using System.Text.Json;
using ServerlessInventory.Core.Availability;
using ServerlessInventory.Core.Channels;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;
using ServerlessInventory.Core.Operations;

namespace ServerlessInventory.Core.Tests.Operations;

/// <summary>The body of <c>PUT /api/ops/channels/{channel}</c>: read as the function reads it, validated naming the member at fault.</summary>
public sealed class ChannelRequestTests
{
    private static readonly JsonSerializerOptions _web = new(JsonSerializerDefaults.Web);
    private static readonly ChannelId _channel = new("marketplace");

    private static ChannelRequest Read(string json) => JsonSerializer.Deserialize<ChannelRequest>(json, _web)!;

    [Fact]
    public void ToRegistration_FullBody_KeepsEveryMember()
    {
        var registration = Read("""
            {"channel":"marketplace","locations":["dc-1","store-1"],"buffer":2,"allocationCap":7,"format":"shopify",
             "pushUrl":"https://example.test/push","levelsUrl":"https://example.test/levels","skuMap":{"CASE-A":{"sku":"A","unitFactor":12},"B-EXT":{"sku":"B"}},
             "locationMap":{"WH1":"dc-1"},"requireSkuMapping":true,"variantMap":{"808950810":{"sku":"A","unitFactor":12}}}
            """).ToRegistration(_channel, "token-1");

        registration.Channel.ShouldBe(_channel);
        registration.Locations.ShouldBe([new LocationId("dc-1"), new LocationId("store-1")]);
        registration.Buffer.ShouldBe(2);
        registration.Allocation.ShouldBe(Allocation.Cap(7));
        registration.Format.ShouldBe(WebhookFormat.Shopify);
        registration.PushUrl.ShouldBe(new Uri("https://example.test/push"));
        registration.LevelsUrl.ShouldBe(new Uri("https://example.test/levels"));
        registration.SkuMap["CASE-A"].ShouldBe(new SkuMapping(new Sku("A"), 12));
        registration.SkuMap["B-EXT"].UnitFactor.ShouldBe(1);
        registration.LocationMap["WH1"].ShouldBe(new LocationId("dc-1"));
        registration.RequireSkuMapping.ShouldBeTrue();
        registration.VariantMap["808950810"].ShouldBe(new SkuMapping(new Sku("A"), 12));
        registration.ConcurrencyToken.ShouldBe("token-1");
    }

    [Fact]
    public void ToRegistration_VariantWithoutSku_NamesTheVariantMember()
    {
        var invalid = Should.Throw<DomainValidationException>(() => Read("""{"variantMap":{"808950810":{"unitFactor":2}}}""").ToRegistration(_channel, null));

        invalid.Field.ShouldBe("variantMap.808950810.sku");
    }

    [Fact]
    public void From_RegistrationWithVariants_ShowsThemForTheNextPut()
    {
        var registration = ChannelRegistration.Bare(_channel) with
        {
            VariantMap = new Dictionary<string, SkuMapping>(StringComparer.Ordinal) { ["808950810"] = new(new Sku("A"), 3) },
        };

        ChannelBody.From(registration).VariantMap["808950810"].ShouldBe(new SkuMapBody("A", 3));
    }

    [Fact]
    public void ToRegistration_EmptyBody_TakesTheDefaultsOfConfiguration()
    {
        var registration = Read("{}").ToRegistration(_channel, null);

        registration.SameContentAs(ChannelRegistration.Bare(_channel)).ShouldBeTrue();
        registration.ToPolicy().ShouldBeNull();
    }

    [Fact]
    public void ToRegistration_BodyOfAGetSentBack_HasTheSameContent()
    {
        var original = Read("""{"locations":["dc-1"],"allocationPercent":50,"levelsUrl":"http://127.0.0.1:8080/levels","skuMap":{"X":{"sku":"A","unitFactor":6}},"locationMap":{"L":"dc-1"}}""")
            .ToRegistration(_channel, null);

        var echoed = Read(JsonSerializer.Serialize(ChannelBody.From(original), _web)).ToRegistration(_channel, null);

        echoed.SameContentAs(original).ShouldBeTrue();
    }

    [Theory]
    [InlineData("""{"allocationPercent":40,"allocationCap":5}""", "allocationPercent")]
    [InlineData("""{"allocationPercent":101}""", "allocationPercent")]
    [InlineData("""{"allocationCap":-1}""", "allocationCap")]
    [InlineData("""{"buffer":-1}""", "buffer")]
    [InlineData("""{"format":"Magento"}""", "format")]
    [InlineData("""{"format":"1"}""", "format")]
    [InlineData("""{"pushUrl":"/push/marketplace"}""", "pushUrl")]
    [InlineData("""{"pushUrl":"ftp://example.test/push"}""", "pushUrl")]
    [InlineData("""{"levelsUrl":"http://example.test/levels"}""", "levelsUrl")]
    [InlineData("""{"levelsUrl":"levels"}""", "levelsUrl")]
    [InlineData("""{"locations":["dc-1","a/b"]}""", "locations[1]")]
    [InlineData("""{"locations":[null]}""", "locations[0]")]
    [InlineData("""{"skuMap":{"EXT":{"sku":"A","unitFactor":0}}}""", "skuMap.EXT.unitFactor")]
    [InlineData("""{"skuMap":{"EXT":{"unitFactor":2}}}""", "skuMap.EXT.sku")]
    [InlineData("""{"skuMap":{"EXT":null}}""", "skuMap.EXT.sku")]
    [InlineData("""{"skuMap":{" ":{"sku":"A"}}}""", "skuMap")]
    [InlineData("""{"locationMap":{"EXT":"a#b"}}""", "locationMap.EXT")]
    [InlineData("""{"channel":"web"}""", "channel")]
    [InlineData("""{"locations":["dc-1"],"allocationPercentage":40}""", "allocationPercentage")]
    public void ToRegistration_InvalidMember_ThrowsNamingIt(string json, string field)
    {
        var invalid = Should.Throw<DomainValidationException>(() => Read(json).ToRegistration(_channel, null));

        invalid.Field.ShouldBe(field);
    }

    [Theory]
    [InlineData("""{"locations":["dc-1"],"secret":"s3cret"}""")]
    [InlineData("""{"Secret":null}""")]
    [InlineData("""{"zzz":1,"secret":"s3cret"}""")]
    public void ToRegistration_BodyWithASecret_IsRefusedPointingAtAppSettings(string json)
    {
        var invalid = Should.Throw<DomainValidationException>(() => Read(json).ToRegistration(_channel, null));

        invalid.Field.ShouldBe("secret");
        invalid.Reason.ShouldContain("Catalog__Channels__marketplace__Secret");
    }

    [Theory]
    [InlineData("""{"locations":["dc-1"],"format":"shopify","accessToken":"shpat_0123"}""")]
    [InlineData("""{"AccessToken":null}""")]
    public void ToRegistration_BodyWithAShopifyAccessToken_IsRefusedPointingAtAppSettings(string json)
    {
        var invalid = Should.Throw<DomainValidationException>(() => Read(json).ToRegistration(_channel, null));

        invalid.Field.ShouldBe("accessToken");
        invalid.Reason.ShouldContain("Catalog__Channels__marketplace__AccessToken");
        invalid.Reason.ShouldNotContain("shpat_0123");
    }
}
