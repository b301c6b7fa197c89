using Azure.Data.Tables;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;
using ServerlessInventory.Testing;

namespace ServerlessInventory.Adapters.Tables.Tests;

/// <summary>Payloads and bodies past one property's 32K characters, and listings that must skip stale index rows.</summary>
public sealed class TablesLargeTextTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly TablesParkedEventStore _parked = new(azurite.Table(TablesAdapter.ParkedEvents));

    private static string Text(int bytes) =>
        string.Concat(Enumerable.Range(0, (bytes / 40) + 1).Select(i => $"{{\"n\":{i:D8},\"s\":\"ünïcødé ✓\"}},")).Substring(0, bytes / 2);

    private static ParkedEvent Parked(string payload) => new(
        $"parked-{Guid.NewGuid():N}", new ChannelId("shopify"), null, "event", "is not valid JSON", payload, EventFactory.Epoch);

    [Fact]
    public async Task Park_200KiBPayload_RoundTripsExactly()
    {
        var payload = Text(400 * 1024);
        System.Text.Encoding.UTF8.GetByteCount(payload).ShouldBeGreaterThan(200 * 1024);
        var parked = Parked(payload);

        await _parked.ParkAsync([parked], Ct);

        (await _parked.GetAsync(parked.Id, Ct)).ShouldBe(parked);
    }

    [Fact]
    public async Task Park_OneMiBPayloadThenSmallOne_KeepsOnlyTheSmallOne()
    {
        var parked = Parked(Text(2 * 1024 * 1024));
        await _parked.ParkAsync([parked], Ct);
        var again = parked with { Payload = "{}" };

        await _parked.ParkAsync([again], Ct);

        (await _parked.GetAsync(parked.Id, Ct)).ShouldBe(again);
        var rows = azurite.Table(TablesAdapter.ParkedEvents).Query<TableEntity>(e => e.PartitionKey == TimeIndexedRecordsPartition(parked.Id), cancellationToken: Ct).ToList();
        rows.Select(r => r.RowKey).ShouldBe(["head"], "the big payload's chunk rows are gone");
    }

    [Fact]
    public async Task Park_PayloadOverTwoMiB_IsRefusedNamingTheLimit()
    {
        var parked = Parked(new string('x', (2 * 1024 * 1024) + 1));

        var refused = await Should.ThrowAsync<ArgumentException>(() => _parked.ParkAsync([parked], Ct));

        refused.Message.ShouldContain("at most");
        (await _parked.GetAsync(parked.Id, Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task AddDeadLetter_BodyOf300KiB_RoundTripsExactly()
    {
        var letters = new TablesDeadLetterStore(azurite.Table(TablesAdapter.DeadLetters));
        var letter = new DeadLetter($"msg/with#odd?chars%{Guid.NewGuid():N}", null, Text(600 * 1024), "MaxDeliveryCountExceeded", null, 10, EventFactory.Epoch);

        await letters.AddAsync(letter, Ct);

        (await letters.GetAsync(letter.MessageId, Ct)).ShouldBe(letter);
        await letters.RemoveAsync(letter.MessageId, Ct);
        (await letters.GetAsync(letter.MessageId, Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task List_IndexRowWhoseRecordIsMissing_IsSkipped()
    {
        // What a crash between writing the index row and the record leaves behind.
        var orphan = $"orphan-{Guid.NewGuid():N}";
        await azurite.Table(TablesAdapter.ParkedEvents).AddEntityAsync(new TableEntity("index", $"{EventFactory.Epoch.UtcTicks:D19}:{orphan}"), Ct);
        var parked = Parked("{}");
        await _parked.ParkAsync([parked], Ct);

        var ids = new List<string>();
        string? continuation = null;
        do
        {
            var page = await _parked.ListAsync(1, continuation, Ct);
            ids.AddRange(page.Items.Select(p => p.Id));
            continuation = page.Continuation;
        }
        while (continuation is not null);

        ids.ShouldContain(parked.Id);
        ids.ShouldNotContain(orphan);
    }

    [Fact]
    public async Task List_ContinuationNotIssuedByTheStore_IsAValidationError()
    {
        var invalid = await Should.ThrowAsync<DomainValidationException>(() => _parked.ListAsync(10, "not base64url!", Ct));

        invalid.Field.ShouldBe("continuation");
    }

    private static string TimeIndexedRecordsPartition(string id) => "record:" + id;
}
