using System.Text;
using ServerlessInventory.Core.Channels;
using ServerlessInventory.Core.Tests.Support;

namespace ServerlessInventory.Core.Tests.Channels;

public sealed class WebhookSignatureTests
{
    private const string Secret = "whsec-7f3a";

    private static readonly byte[] _body = Encoding.UTF8.GetBytes("""{"id":"e-1","type":"inventory.sale.recorded","data":{"sku":"SKU-1","quantity":2}}""");

    private static bool IsValid(string? header, byte[]? body = null, string secret = Secret, WebhookFormat format = WebhookFormat.CloudEvents) =>
        WebhookSignature.IsValid(format, secret, body ?? _body, header);

    [Fact]
    public void Sign_Body_IsPrefixedLowerCaseHexOfHmacSha256()
    {
        var signature = WebhookSignature.Sign(Secret, _body);

        signature.ShouldBe("sha256=" + Convert.ToHexStringLower(WebhookData.Mac(Secret, _body)));
    }

    [Fact]
    public void IsValid_SignedBody_IsTrue() => IsValid(WebhookSignature.Sign(Secret, _body)).ShouldBeTrue();

    [Fact]
    public void IsValid_EmptyBodySigned_IsTrue() => IsValid(WebhookSignature.Sign(Secret, []), body: []).ShouldBeTrue();

    [Fact]
    public void IsValid_UpperCaseHexAndPrefix_IsTrue() =>
        IsValid(WebhookSignature.Sign(Secret, _body).ToUpperInvariant()).ShouldBeTrue();

    [Theory]
    [InlineData(0)]
    [InlineData(17)]
    [InlineData(-1)]
    public void IsValid_OneByteOfBodyChanged_IsFalse(int index)
    {
        var signature = WebhookSignature.Sign(Secret, _body);
        var tampered = (byte[])_body.Clone();
        tampered[index < 0 ? tampered.Length + index : index] ^= 0x01;

        IsValid(signature, tampered).ShouldBeFalse();
    }

    [Fact]
    public void IsValid_BodyWithOneByteMore_IsFalse() =>
        IsValid(WebhookSignature.Sign(Secret, _body), [.. _body, (byte)' ']).ShouldBeFalse();

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(63)]
    public void IsValid_OneHexDigitOfSignatureChanged_IsFalse(int digit)
    {
        var signature = WebhookSignature.Sign(Secret, _body).ToCharArray();
        var at = "sha256=".Length + digit;
        signature[at] = signature[at] == '0' ? '1' : '0';

        IsValid(new string(signature)).ShouldBeFalse();
    }

    [Fact]
    public void IsValid_SignedWithAnotherSecret_IsFalse() => IsValid(WebhookSignature.Sign("another-secret", _body)).ShouldBeFalse();

    [Fact]
    public void IsValid_EmptySecret_IsFalseEvenWhenSignedWithIt() =>
        IsValid(WebhookSignature.Sign("", _body), secret: "").ShouldBeFalse();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void IsValid_MissingOrEmptyHeader_IsFalse(string? header) => IsValid(header).ShouldBeFalse();

    [Theory]
    [InlineData("sha1=")]
    [InlineData("sha256:")]
    [InlineData("sha512=")]
    [InlineData("")]
    [InlineData(" sha256=")]
    public void IsValid_WrongPrefix_IsFalse(string prefix)
    {
        var hex = Convert.ToHexStringLower(WebhookData.Mac(Secret, _body));

        IsValid(prefix + hex).ShouldBeFalse();
    }

    [Theory]
    [InlineData(-2)]
    [InlineData(-1)]
    [InlineData(1)]
    [InlineData(2)]
    public void IsValid_WrongLength_IsFalse(int extraDigits)
    {
        var signature = WebhookSignature.Sign(Secret, _body);
        var header = extraDigits < 0 ? signature[..^-extraDigits] : signature + new string('0', extraDigits);

        IsValid(header).ShouldBeFalse();
    }

    [Fact]
    public void IsValid_NonHexOfRightLength_IsFalse() => IsValid("sha256=" + new string('z', 64)).ShouldBeFalse();

    [Fact]
    public void IsValid_Base64InGenericFormat_IsFalse() =>
        IsValid(Convert.ToBase64String(WebhookData.Mac(Secret, _body))).ShouldBeFalse();

    [Fact]
    public void IsValid_ShopifyBase64OfHmac_IsTrue() =>
        IsValid(Convert.ToBase64String(WebhookData.Mac(Secret, _body)), format: WebhookFormat.Shopify).ShouldBeTrue();

    [Fact]
    public void IsValid_ShopifyHex_IsFalse()
    {
        var mac = WebhookData.Mac(Secret, _body);

        IsValid(Convert.ToHexStringLower(mac), format: WebhookFormat.Shopify).ShouldBeFalse();
        IsValid(WebhookSignature.Sign(Secret, _body), format: WebhookFormat.Shopify).ShouldBeFalse();
    }

    [Fact]
    public void IsValid_ShopifyBase64WithAnotherSecret_IsFalse() =>
        IsValid(Convert.ToBase64String(WebhookData.Mac("another-secret", _body)), format: WebhookFormat.Shopify).ShouldBeFalse();

    [Fact]
    public void IsValid_ShopifyBase64OfTamperedBody_IsFalse()
    {
        var header = Convert.ToBase64String(WebhookData.Mac(Secret, _body));
        var tampered = (byte[])_body.Clone();
        tampered[5] ^= 0x20;

        IsValid(header, tampered, format: WebhookFormat.Shopify).ShouldBeFalse();
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("AAAA")]
    public void IsValid_ShopifyNotBase64OfThirtyTwoBytes_IsFalse(string header) =>
        IsValid(header, format: WebhookFormat.Shopify).ShouldBeFalse();

    [Theory]
    [InlineData(WebhookFormat.CloudEvents, "X-Signature")]
    [InlineData(WebhookFormat.Shopify, "X-Shopify-Hmac-Sha256")]
    public void HeaderFor_Format_IsItsSignatureHeader(WebhookFormat format, string header) =>
        WebhookSignature.HeaderFor(format).ShouldBe(header);
}
