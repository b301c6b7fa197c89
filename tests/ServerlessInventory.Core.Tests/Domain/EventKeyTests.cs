using ServerlessInventory.Core.Domain;

namespace ServerlessInventory.Core.Tests.Domain;

public class EventKeyTests
{
    private static EventKey Key(string source, string id) => new(new ChannelId(source), new EventId(id));

    [Fact]
    public void Value_PlainSourceAndId_IsSourceColonId() => Key("pos", "1001").Value.ShouldBe("pos:1001");

    [Fact]
    public void Equality_SameIdFromTwoSources_AreDifferentIdentities()
    {
        Key("pos", "1001").ShouldNotBe(Key("web", "1001"));
        Key("pos", "1001").Value.ShouldNotBe(Key("web", "1001").Value);
        Key("pos", "1001").ShouldBe(Key("pos", "1001"));
    }

    public static TheoryData<string, string, string, string> SplitsThatLookAlike() => new()
    {
        { "a:b", "c", "a", "b:c" },
        { "a~", "c", "a", "~c" },
        { "a~c", "x", "a:", "x" },
        { "a*", "b", "a", "*b" },
        { "~s", "1", "*", "1" },
    };

    [Theory]
    [MemberData(nameof(SplitsThatLookAlike))]
    public void Value_SourceAndIdThatConcatenateAlike_DoNotCollide(string source, string id, string otherSource, string otherId) =>
        Key(source, id).Value.ShouldNotBe(Key(otherSource, otherId).Value);

    [Fact]
    public void Value_SourceStartingWithStar_NeverLooksLikeTheHashedForm() =>
        Key("*web", "1").Value.ShouldBe("~sweb:1");

    [Fact]
    public void Value_LongestSourceAndId_IsBoundedHashedAndAValidIdentifier()
    {
        var source = new string('s', Guard.MaxIdentifierLength);
        var id = new string('i', Guard.MaxIdentifierLength - 1);

        var key = Key(source, id + "1").Value;

        key.Length.ShouldBe(EventKey.MaxLength);
        key.ShouldStartWith("*" + source[..62]);
        Guard.Identifier(key, "key").ShouldBe(key);
        key.ShouldNotBe(Key(source, id + "2").Value);
        key.ShouldBe(Key(source, id + "1").Value, "a resent event derives the same key");
    }

    [Fact]
    public void Value_KeyOfExactlyMaxLength_StaysPlain()
    {
        var id = new string('i', EventKey.MaxLength - "pos:".Length);

        Key("pos", id).Value.ShouldBe("pos:" + id);
    }

    [Theory]
    [InlineData("we b", "a b")]
    [InlineData("pos", "ends-with:")]
    [InlineData(":", ":")]
    public void Value_AnyValidSourceAndId_IsAValidIdentifier(string source, string id)
    {
        var key = Key(source, id).Value;

        Guard.Identifier(key, "key").ShouldBe(key);
    }
}
