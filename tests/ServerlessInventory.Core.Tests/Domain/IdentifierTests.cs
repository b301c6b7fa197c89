using ServerlessInventory.Core.Domain;

namespace ServerlessInventory.Core.Tests.Domain;

public class IdentifierTests
{
    public static TheoryData<string?> BadValues() => new(
    [
        null,
        "",
        "   ",
        " padded",
        "padded ",
        new string('x', Guard.MaxIdentifierLength + 1),
        "a/b",
        "a\\b",
        "a?b",
        "a#b",
        "tab\there",
        "new\nline",
    ]);

    [Theory]
    [MemberData(nameof(BadValues))]
    public void Sku_InvalidValue_ThrowsNamingSku(string? value)
    {
        var error = Should.Throw<DomainValidationException>(() => new Sku(value!));
        error.Field.ShouldBe("sku");
    }

    [Theory]
    [MemberData(nameof(BadValues))]
    public void LocationId_InvalidValue_ThrowsNamingLocation(string? value) =>
        Should.Throw<DomainValidationException>(() => new LocationId(value!)).Field.ShouldBe("location");

    [Theory]
    [MemberData(nameof(BadValues))]
    public void ChannelId_InvalidValue_ThrowsNamingChannel(string? value) =>
        Should.Throw<DomainValidationException>(() => new ChannelId(value!)).Field.ShouldBe("channel");

    [Theory]
    [MemberData(nameof(BadValues))]
    public void EventId_InvalidValue_ThrowsNamingId(string? value) =>
        Should.Throw<DomainValidationException>(() => new EventId(value!)).Field.ShouldBe("id");

    [Theory]
    [MemberData(nameof(BadValues))]
    public void ReservationId_InvalidValue_ThrowsNamingReservationId(string? value) =>
        Should.Throw<DomainValidationException>(() => new ReservationId(value!)).Field.ShouldBe("reservationId");

    [Fact]
    public void Identifier_EmptyAndTooLongAndIllegal_GiveDistinctReasons()
    {
        var empty = Should.Throw<DomainValidationException>(() => new Sku(""));
        var tooLong = Should.Throw<DomainValidationException>(() => new Sku(new string('x', Guard.MaxIdentifierLength + 1)));
        var illegal = Should.Throw<DomainValidationException>(() => new Sku("a/b"));
        var padded = Should.Throw<DomainValidationException>(() => new Sku(" a"));

        empty.Reason.ShouldContain("required");
        tooLong.Reason.ShouldContain(Guard.MaxIdentifierLength.ToString(System.Globalization.CultureInfo.InvariantCulture));
        illegal.Reason.ShouldContain("/");
        padded.Reason.ShouldContain("white space");
        empty.Message.ShouldStartWith("sku: ");
    }

    [Fact]
    public void Identifier_AtMaximumLength_IsAccepted()
    {
        var value = new string('x', Guard.MaxIdentifierLength);

        new Sku(value).Value.ShouldBe(value);
        new LocationId(value).Value.ShouldBe(value);
    }

    [Fact]
    public void Identifier_WithUsualPunctuation_KeepsValueAndPrintsIt()
    {
        var sku = new Sku("TEE-BLK.M_01:a@b");

        sku.Value.ShouldBe("TEE-BLK.M_01:a@b");
        sku.ToString().ShouldBe("TEE-BLK.M_01:a@b");
    }

    [Fact]
    public void Identifier_CustomField_IsNamedInError() =>
        Should.Throw<DomainValidationException>(() => new LocationId("", "fromLocation")).Field.ShouldBe("fromLocation");

    [Fact]
    public void Identifier_SameValue_AreEqualAndDifferentValuesAreNot()
    {
        new Sku("A").ShouldBe(new Sku("A"));
        new Sku("A").ShouldNotBe(new Sku("a"));
    }

    [Fact]
    public void ReservationId_LongerThanItsOwnLimit_ThrowsNamingReservationId()
    {
        var error = Should.Throw<DomainValidationException>(() => new ReservationId(new string('r', ReservationId.MaxLength + 1)));

        error.Field.ShouldBe("reservationId");
        new ReservationId(new string('r', ReservationId.MaxLength)).Value.Length.ShouldBe(ReservationId.MaxLength);
    }

    [Fact]
    public void ReservationId_New_IsValidAndUnique()
    {
        var first = ReservationId.New();
        var second = ReservationId.New();

        first.ShouldNotBe(second);
        new ReservationId(first.Value).ShouldBe(first);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void GuardPositive_NotPositive_ThrowsNamingArgument(int quantity) =>
        Should.Throw<DomainValidationException>(() => Guard.Positive(quantity)).Field.ShouldBe("quantity");

    [Fact]
    public void GuardNotNegative_Negative_ThrowsAndZeroPasses()
    {
        var counted = -1;

        Should.Throw<DomainValidationException>(() => Guard.NotNegative(counted)).Field.ShouldBe("counted");
        Guard.NotNegative(0, "counted").ShouldBe(0);
    }

    [Theory]
    [InlineData("Quantity", "quantity")]
    [InlineData("data.Quantity", "quantity")]
    [InlineData("command.Sku", "sku")]
    [InlineData("", "value")]
    public void GuardFieldName_Expression_GivesCamelCaseName(string expression, string expected) =>
        Guard.FieldName(expression).ShouldBe(expected);
}
