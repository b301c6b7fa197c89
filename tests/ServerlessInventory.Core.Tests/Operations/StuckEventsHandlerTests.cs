using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Operations;
using ServerlessInventory.Core.Ports;
using ServerlessInventory.Testing;

namespace ServerlessInventory.Core.Tests.Operations;

/// <summary>Ops listings of what is stuck: bounded pages, the same bounds for every entry point.</summary>
public sealed class StuckEventsHandlerTests
{
    private readonly InMemoryParkedEventStore _parked = new();
    private readonly InMemoryDeadLetterStore _deadLetters = new();
    private readonly StuckEventsHandler _handler;

    public StuckEventsHandlerTests() => _handler = new StuckEventsHandler(_parked, _deadLetters);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(OpsPageSize.Max + 1)]
    public async Task List_PageSizeOutOfBounds_ThrowsNamingPageSize(int pageSize)
    {
        (await Should.ThrowAsync<DomainValidationException>(() => _handler.ListParkedAsync(pageSize, null, Ct))).Field.ShouldBe("pageSize");
        (await Should.ThrowAsync<DomainValidationException>(() => _handler.ListDeadLettersAsync(pageSize, null, Ct))).Field.ShouldBe("pageSize");
    }

    [Fact]
    public async Task ListParked_NoPageSize_ReturnsTheDefaultPageWithAContinuation()
    {
        var at = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
        await _parked.ParkAsync([.. Enumerable.Range(0, OpsPageSize.Default + 1).Select(i =>
            new ParkedEvent($"p-{i:000}", new ChannelId("pos"), $"e-{i}", "data.quantity", "must be positive", "{}", at.AddSeconds(i)))], Ct);

        var page = await _handler.ListParkedAsync(null, null, Ct);

        page.Items.Count.ShouldBe(OpsPageSize.Default);
        page.Items[0].Id.ShouldBe("p-000");
        page.Continuation.ShouldNotBeNull();
    }

    [Fact]
    public async Task ListDeadLetters_PageSizeGiven_ReturnsThatManyOldestFirst()
    {
        var at = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
        foreach (var i in Enumerable.Range(0, 3))
        {
            await _deadLetters.AddAsync(new DeadLetter($"m-{i}", null, "{}", "Rejected", null, 1, at.AddSeconds(-i)), Ct);
        }

        var page = await _handler.ListDeadLettersAsync(2, null, Ct);

        page.Items.Select(d => d.MessageId).ShouldBe(["m-2", "m-1"]);
    }
}
