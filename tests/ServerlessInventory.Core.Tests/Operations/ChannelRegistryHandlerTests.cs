using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Operations;
using ServerlessInventory.Testing;

namespace ServerlessInventory.Core.Tests.Operations;

/// <summary>The rules of a channel edit: which precondition creates, replaces or is refused, decided once for every entry point.</summary>
public sealed class ChannelRegistryHandlerTests
{
    private static readonly ChannelId _channel = new("marketplace");
    private static readonly ChannelRequest _body = new(null, ["dc-1"], 1, null, null, null, null, null, null, null);
    private readonly InMemoryChannelRegistry _registry = new();
    private readonly ChannelRegistryHandler _handler;

    public ChannelRegistryHandlerTests() => _handler = new ChannelRegistryHandler(_registry);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Save_NoPreconditionNewChannel_CreatesWithAToken()
    {
        var edit = await _handler.SaveAsync(_channel, new IfMatch(IfMatchKind.Absent), _body, Ct);

        edit.Outcome.ShouldBe(ChannelEditOutcome.Created);
        edit.ConcurrencyToken.ShouldNotBeNull();
        edit.Channel!.Locations.ShouldBe(["dc-1"]);
        (await _handler.GetAsync(_channel, Ct)).ConcurrencyToken.ShouldBe(edit.ConcurrencyToken);
    }

    [Fact]
    public async Task Save_NoPreconditionExistingChannel_IsAlreadyExistsAndChangesNothing()
    {
        await _handler.SaveAsync(_channel, new IfMatch(IfMatchKind.Absent), _body, Ct);

        var edit = await _handler.SaveAsync(_channel, new IfMatch(IfMatchKind.Absent), _body with { Buffer = 5 }, Ct);

        edit.Outcome.ShouldBe(ChannelEditOutcome.AlreadyExists);
        edit.Detail!.ShouldContain("If-Match");
        (await _handler.GetAsync(_channel, Ct)).Channel!.Buffer.ShouldBe(1);
    }

    [Fact]
    public async Task Save_TagOfTheCurrentRead_Updates()
    {
        var created = await _handler.SaveAsync(_channel, new IfMatch(IfMatchKind.Absent), _body, Ct);

        var edit = await _handler.SaveAsync(_channel, new IfMatch(IfMatchKind.Tag, created.ConcurrencyToken), _body with { Buffer = 3 }, Ct);

        edit.Outcome.ShouldBe(ChannelEditOutcome.Updated);
        (await _handler.GetAsync(_channel, Ct)).Channel!.Buffer.ShouldBe(3);
    }

    [Fact]
    public async Task Save_StaleTag_IsPreconditionFailedAndKeepsTheOtherEdit()
    {
        var created = await _handler.SaveAsync(_channel, new IfMatch(IfMatchKind.Absent), _body, Ct);
        await _handler.SaveAsync(_channel, new IfMatch(IfMatchKind.Tag, created.ConcurrencyToken), _body with { Buffer = 2 }, Ct);

        var edit = await _handler.SaveAsync(_channel, new IfMatch(IfMatchKind.Tag, created.ConcurrencyToken), _body with { Buffer = 9 }, Ct);

        edit.Outcome.ShouldBe(ChannelEditOutcome.PreconditionFailed);
        (await _handler.GetAsync(_channel, Ct)).Channel!.Buffer.ShouldBe(2);
    }

    [Fact]
    public async Task Save_StarOnAChannelNotRegistered_IsPreconditionFailed()
    {
        var edit = await _handler.SaveAsync(_channel, new IfMatch(IfMatchKind.Any), _body, Ct);

        edit.Outcome.ShouldBe(ChannelEditOutcome.PreconditionFailed);
        (await _handler.GetAsync(_channel, Ct)).Outcome.ShouldBe(ChannelEditOutcome.NotRegistered);
    }

    [Fact]
    public async Task Save_StarOnARegisteredChannel_ReplacesWhateverIsThere()
    {
        await _handler.SaveAsync(_channel, new IfMatch(IfMatchKind.Absent), _body, Ct);

        (await _handler.SaveAsync(_channel, new IfMatch(IfMatchKind.Any), _body with { Buffer = 4 }, Ct)).Outcome.ShouldBe(ChannelEditOutcome.Updated);
        (await _handler.GetAsync(_channel, Ct)).Channel!.Buffer.ShouldBe(4);
    }

    [Fact]
    public async Task SaveAndRemove_MalformedPrecondition_ThrowNamingIfMatch()
    {
        var save = await Should.ThrowAsync<DomainValidationException>(() => _handler.SaveAsync(_channel, new IfMatch(IfMatchKind.Malformed), _body, Ct));
        var remove = await Should.ThrowAsync<DomainValidationException>(() => _handler.RemoveAsync(_channel, new IfMatch(IfMatchKind.Malformed), Ct));

        save.Field.ShouldBe("If-Match");
        remove.Field.ShouldBe("If-Match");
    }

    [Fact]
    public async Task Save_BodyWithASecret_IsRefusedAndNothingIsRegistered()
    {
        var withSecret = _body with { Unknown = new() { ["secret"] = System.Text.Json.JsonDocument.Parse("\"s3cr3t\"").RootElement } };

        (await Should.ThrowAsync<DomainValidationException>(() => _handler.SaveAsync(_channel, new IfMatch(IfMatchKind.Absent), withSecret, Ct))).Field.ShouldBe("secret");
        (await _handler.ListAsync(Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Remove_NoPreconditionUnknownChannel_IsNotRegistered() =>
        (await _handler.RemoveAsync(_channel, new IfMatch(IfMatchKind.Absent), Ct)).Outcome.ShouldBe(ChannelEditOutcome.NotRegistered);

    [Fact]
    public async Task Remove_StaleTag_IsPreconditionFailedAndKeepsTheChannel()
    {
        var created = await _handler.SaveAsync(_channel, new IfMatch(IfMatchKind.Absent), _body, Ct);
        await _handler.SaveAsync(_channel, new IfMatch(IfMatchKind.Tag, created.ConcurrencyToken), _body with { Buffer = 2 }, Ct);

        (await _handler.RemoveAsync(_channel, new IfMatch(IfMatchKind.Tag, created.ConcurrencyToken), Ct)).Outcome.ShouldBe(ChannelEditOutcome.PreconditionFailed);
        (await _handler.ListAsync(Ct)).Select(c => c.Channel).ShouldBe(["marketplace"]);
    }

    [Fact]
    public async Task Remove_CurrentTag_RemovesIt()
    {
        var created = await _handler.SaveAsync(_channel, new IfMatch(IfMatchKind.Absent), _body, Ct);

        (await _handler.RemoveAsync(_channel, new IfMatch(IfMatchKind.Tag, created.ConcurrencyToken), Ct)).Outcome.ShouldBe(ChannelEditOutcome.Removed);
        (await _handler.ListAsync(Ct)).ShouldBeEmpty();
    }
}
