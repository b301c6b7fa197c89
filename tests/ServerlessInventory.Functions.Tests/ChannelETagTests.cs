using ServerlessInventory.Core.Operations;
using ServerlessInventory.Functions.Ops;

namespace ServerlessInventory.Functions.Tests;

/// <summary>The registry's opaque concurrency token as an HTTP entity tag and back from <c>If-Match</c>.</summary>
public sealed class ChannelETagTests
{
    [Theory]
    [InlineData("9f86d081884c7d659a2feaa0c55ad015")]
    [InlineData("W/\"datetime'2026-11-23T09%3A00%3A00.1234567Z'\"")] // a Table storage ETag: quotes inside
    [InlineData("ü ?")]
    public void Format_AnyToken_IsOneStrongTagThatParsesBackToIt(string token)
    {
        var etag = ChannelETag.Format(token);

        etag.ShouldStartWith("\"");
        etag.ShouldEndWith("\"");
        etag[1..^1].ShouldNotContain('"');
        etag[1..^1].ShouldNotContain(' ');
        ChannelETag.Parse(etag).ShouldBe(new IfMatch(IfMatchKind.Tag, token));
        ChannelETag.Parse($"  {etag} ").ShouldBe(new IfMatch(IfMatchKind.Tag, token));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Parse_NoHeader_IsAbsent(string? header) =>
        ChannelETag.Parse(header).Kind.ShouldBe(IfMatchKind.Absent);

    [Fact]
    public void Parse_Star_IsAny() => ChannelETag.Parse("*").Kind.ShouldBe(IfMatchKind.Any);

    [Theory]
    [InlineData("abc")]
    [InlineData("W/\"YWJj\"")]
    [InlineData("\"YWJj\", \"ZGVm\"")]
    [InlineData("\"\"")]
    [InlineData("\"not base64!\"")]
    [InlineData("\"_w\"")] // decodes to a byte that is not UTF-8
    public void Parse_AnythingButOneStrongTagOfOurs_IsMalformed(string header) =>
        ChannelETag.Parse(header).Kind.ShouldBe(IfMatchKind.Malformed);
}
