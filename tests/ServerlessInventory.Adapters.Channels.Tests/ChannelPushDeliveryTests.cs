using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using ServerlessInventory.Adapters.Channels.Tests.Support;
using ServerlessInventory.Core.Availability;
using ServerlessInventory.Core.Channels;

namespace ServerlessInventory.Adapters.Channels.Tests;

/// <summary>What one push puts on the wire: method, URL, body, content type and signature; and when nothing is sent.</summary>
public sealed class ChannelPushDeliveryTests : ReceiverTest
{
    [Fact]
    public async Task Push_HealthyChannel_PostsExactSignedJsonOnce()
    {
        using var harness = Harness("web", "pos");

        await harness.PushAsync("web", sku: "sku-42", available: 17, version: 5_000_000_001);

        var push = Receiver.Received.ShouldHaveSingleItem();
        push.Method.ShouldBe("POST");
        push.Path.ShouldBe("/push/web");
        push.ContentType.ShouldBe("application/json");
        push.BodyText.ShouldBe("""{"channel":"web","sku":"sku-42","available":17,"version":5000000001}""");
        push.Signature.ShouldNotBeNull();
        WebhookSignature.IsValid(WebhookFormat.CloudEvents, Secret, push.Body, push.Signature).ShouldBeTrue();
        // The same HMAC computed here, apart from the product's code, and refused under another secret.
        push.Signature.ShouldBe("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), push.Body)));
        WebhookSignature.IsValid(WebhookFormat.CloudEvents, Secret + "x", push.Body, push.Signature).ShouldBeFalse();
    }

    [Fact]
    public async Task Push_TwoChannels_EachGoesToItsOwnUrlSignedWithItsOwnSecret()
    {
        var catalog = Catalog("web", "pos");
        catalog.Channels["pos"].Secret = "another-secret";
        using var harness = new PushHarness(catalog);

        await harness.PushAsync("web", version: 1);
        await harness.PushAsync("pos", version: 2);

        var web = Receiver.ReceivedBy("web").ShouldHaveSingleItem();
        var pos = Receiver.ReceivedBy("pos").ShouldHaveSingleItem();
        web.BodyText.ShouldBe("""{"channel":"web","sku":"sku-1","available":5,"version":1}""");
        pos.BodyText.ShouldBe("""{"channel":"pos","sku":"sku-1","available":5,"version":2}""");
        WebhookSignature.IsValid(WebhookFormat.CloudEvents, Secret, web.Body, web.Signature).ShouldBeTrue();
        WebhookSignature.IsValid(WebhookFormat.CloudEvents, "another-secret", pos.Body, pos.Signature).ShouldBeTrue();
        WebhookSignature.IsValid(WebhookFormat.CloudEvents, Secret, pos.Body, pos.Signature).ShouldBeFalse();
    }

    [Theory]
    [InlineData("erp")] // configured, without a push URL
    [InlineData("unknown")] // not in the catalog at all
    public async Task Push_ChannelWithoutPushUrl_SendsNothingAndLogsInstead(string channel)
    {
        var catalog = Catalog("web");
        catalog.Channels["erp"] = new ChannelOptions { Secret = Secret };
        using var harness = new PushHarness(catalog);

        await harness.PushAsync(channel, sku: "sku-9", available: 3, version: 4);

        Receiver.Received.ShouldBeEmpty();
        var line = harness.Logs.Lines.Where(l => l.Category == typeof(ChannelPushSink).FullName).ShouldHaveSingleItem();
        line.Level.ShouldBe(LogLevel.Information);
        line.Message.ShouldContain(channel);
        line.Message.ShouldContain("sku-9");
        line.Message.ShouldContain("no push URL");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task Push_ChannelWithPushUrlButNoSecret_PostsWithoutSignature(string? secret)
    {
        var catalog = Catalog("web");
        catalog.Channels["web"].Secret = secret;
        using var harness = new PushHarness(catalog);

        await harness.PushAsync("web", version: 3);

        var push = Receiver.Received.ShouldHaveSingleItem();
        push.Signature.ShouldBeNull();
        push.ContentType.ShouldBe("application/json");
        push.BodyText.ShouldBe("""{"channel":"web","sku":"sku-1","available":5,"version":3}""");
    }

    [Fact]
    public async Task Push_ConcurrentPushesToOneChannel_EachArrivesOnceWithItsOwnSignature()
    {
        using var harness = Harness("web");

        await Task.WhenAll(Enumerable.Range(1, 20).Select(i => harness.PushAsync("web", sku: $"sku-{i}", available: i, version: i)));

        var pushes = Receiver.ReceivedBy("web");
        pushes.Count.ShouldBe(20);
        pushes.Select(p => p.BodyText).ShouldBe(
            Enumerable.Range(1, 20).Select(i => $$"""{"channel":"web","sku":"sku-{{i}}","available":{{i}},"version":{{i}}}"""),
            ignoreOrder: true);
        foreach (var push in pushes)
        {
            push.ContentType.ShouldBe("application/json");
            WebhookSignature.IsValid(WebhookFormat.CloudEvents, Secret, push.Body, push.Signature).ShouldBeTrue(push.BodyText);
        }
    }
}
