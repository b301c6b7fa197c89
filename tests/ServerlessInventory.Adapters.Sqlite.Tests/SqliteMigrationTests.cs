using Microsoft.Data.Sqlite;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;
using ServerlessInventory.Core.Serialization;
using ServerlessInventory.Testing;
using Shouldly;
using Xunit;
using static ServerlessInventory.Testing.EventFactory;

namespace ServerlessInventory.Adapters.Sqlite.Tests;

/// <summary>Files written by older versions (the bare event id as the ledger's key; runs stored as totals only), opened by this version.</summary>
public sealed class SqliteMigrationTests : IDisposable
{
    private readonly TempDatabase _file = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Open_LedgerKeyedByBareId_KeysEachRowBySourceAndId()
    {
        var sku = NewSku();
        var id = NewId().Value;
        var applied = Received(sku, "store-1", 4, id: id, source: "pos");
        // "web:<id>" is what web's event of the same id is keyed by now: as an old bare id it must not shadow it.
        var lookalike = Received(sku, "store-1", 2, id: $"web:{id}", source: "wms");
        WriteVersionZeroLedger(sku, applied, lookalike);

        using var database = _file.Open();
        using var core = new CoreHarness(new SqliteInventoryStore(database));
        var resent = await core.Apply.HandleAsync([Received(sku, "store-1", 4, id: id, source: "pos")], Cancellation);
        var fromWeb = await core.Apply.HandleAsync([Received(sku, "dc-1", 7, id: id, source: "web")], Cancellation);

        resent.Single().Disposition.ShouldBe(EventDisposition.Duplicate, "applied before the upgrade, so still applied once");
        fromWeb.Single().Disposition.ShouldBe(EventDisposition.Applied, "another source's event with the same id");
        var ledger = (await new SqliteInventoryStore(database).ReadLedgerAsync(sku, 10, null, Cancellation)).Entries;
        ledger.Select(e => e.EventKey).ShouldBe([new EventKey(new ChannelId("web"), new EventId(id)), lookalike.Key, applied.Key]);
        UserVersion().ShouldBe(3);
    }

    [Fact]
    public async Task Open_NewFile_IsStampedAtTheCurrentVersion()
    {
        using var database = _file.Open();

        await new SqliteInventoryStore(database).LoadAsync(NewSku(), SnapshotRequest.None, Cancellation);

        UserVersion().ShouldBe(3);
    }

    [Fact]
    public async Task Open_VersionOneReconciliationTables_KeepsOldRunsAndStoresResumableReviewableOnes()
    {
        WriteVersionOneReconciliation("web-old", "OLD-1");
        using var database = _file.Open();
        var reports = new SqliteReconciliationReportStore(database);

        var old = (await reports.GetAsync("web-old", 10, null, Cancellation)).ShouldNotBeNull();
        var running = new ReconciliationRun("web-new", new ChannelId("web"), Epoch, Epoch, 3, 2, 0, 1)
        {
            Status = RunStatus.Running,
            Checkpoint = "SKU-3",
            InAgreement = 1,
            MissedEvent = 2,
            VarianceUnits = 7,
        };
        var reviewed = new Discrepancy(new Sku("NEW-1"), 10, 7, DiscrepancyCause.MissedEvent, DiscrepancyAction.RaisedForReview)
        {
            Location = new LocationId("dc-1"),
            ReportedAt = Epoch,
            Review = new ReviewOutcome(ReviewResolution.AcceptChannel, "ops", Epoch),
        };
        await reports.SaveAsync(running, [reviewed], Cancellation);
        var stored = (await reports.GetAsync("web-new", 10, null, Cancellation)).ShouldNotBeNull();

        old.Run.Status.ShouldBe(RunStatus.Completed, "a run stored before the upgrade had finished");
        (old.Run.SkusCompared, old.Run.Discrepancies, old.Run.RaisedForReview).ShouldBe((5, 1, 1));
        old.Discrepancies.Items.ShouldHaveSingleItem().Review.ShouldBeNull();
        stored.Run.ShouldBe(running);
        stored.Discrepancies.Items.ShouldHaveSingleItem().ShouldBe(reviewed);
        UserVersion().ShouldBe(3);
    }

    [Fact]
    public async Task Open_VersionTwoChannelsWithoutLevelsUrl_KeepsThemAndRegistersOneWithALevelsUrl()
    {
        WriteVersionTwoChannel("old-web");
        using var database = _file.Open();
        var registry = new SqliteChannelRegistry(database);

        var old = (await registry.GetAsync(new ChannelId("old-web"), Cancellation)).ShouldNotBeNull();
        var pulled = ChannelRegistration.Bare(new ChannelId("new-pos"), new LocationId("store-1")) with { LevelsUrl = new Uri("https://pos.example.com/levels") };
        await registry.UpsertAsync(pulled, Cancellation);

        old.ShouldSatisfyAllConditions(o => o.Locations.ShouldBe([new LocationId("store-1")]), o => o.LevelsUrl.ShouldBeNull());
        (await registry.GetAsync(pulled.Channel, Cancellation)).ShouldNotBeNull().LevelsUrl.ShouldBe(pulled.LevelsUrl);
        UserVersion().ShouldBe(3);
    }

    /// <summary>Version 2's channel registry: no levels URL.</summary>
    private void WriteVersionTwoChannel(string channel)
    {
        using var connection = new SqliteConnection($"Data Source={_file.Path};Pooling=False");
        connection.Open();
        using var create = connection.CreateCommand();
        create.CommandText = $"""
            CREATE TABLE channels (
                channel TEXT PRIMARY KEY, locations TEXT NOT NULL, buffer INTEGER NOT NULL, allocation_kind TEXT NOT NULL,
                allocation_value INTEGER NOT NULL, format TEXT NOT NULL, push_url TEXT NULL, require_sku_mapping INTEGER NOT NULL,
                token TEXT NOT NULL) WITHOUT ROWID;
            INSERT INTO channels VALUES ('{channel}', 'store-1', 0, 'None', 0, 'CloudEvents', NULL, 0, 'token-1');
            PRAGMA user_version = 2;
            """;
        create.ExecuteNonQuery();
    }

    /// <summary>Version 1's reconciliation tables as the first stores wrote them: totals per run, cause and action per SKU.</summary>
    private void WriteVersionOneReconciliation(string runId, string sku)
    {
        using var connection = new SqliteConnection($"Data Source={_file.Path};Pooling=False");
        connection.Open();
        using var create = connection.CreateCommand();
        create.CommandText = $"""
            CREATE TABLE reconciliation_runs (
                run_id TEXT PRIMARY KEY, channel TEXT NOT NULL, started_at INTEGER NOT NULL, finished_at INTEGER NOT NULL,
                skus_compared INTEGER NOT NULL, discrepancies INTEGER NOT NULL, auto_corrected INTEGER NOT NULL,
                raised_for_review INTEGER NOT NULL) WITHOUT ROWID;
            CREATE TABLE reconciliation_discrepancies (
                run_id TEXT NOT NULL, sku TEXT NOT NULL, master_value INTEGER NOT NULL, channel_value INTEGER NOT NULL,
                likely_cause TEXT NOT NULL, action TEXT NOT NULL, PRIMARY KEY (run_id, sku)) WITHOUT ROWID;
            INSERT INTO reconciliation_runs VALUES ('{runId}', 'web', {Epoch.UtcTicks}, {Epoch.UtcTicks}, 5, 1, 0, 1);
            INSERT INTO reconciliation_discrepancies VALUES ('{runId}', '{sku}', 4, 9, 'MissedEvent', 'RaisedForReview');
            PRAGMA user_version = 1;
            """;
        create.ExecuteNonQuery();
    }

    private void WriteVersionZeroLedger(Sku sku, params Core.Events.InventoryEvent[] events)
    {
        using var connection = new SqliteConnection($"Data Source={_file.Path};Pooling=False");
        connection.Open();
        using var create = connection.CreateCommand();
        create.CommandText = """
            CREATE TABLE sku_heads (sku TEXT PRIMARY KEY, version INTEGER NOT NULL) WITHOUT ROWID;
            CREATE TABLE ledger (
                seq INTEGER PRIMARY KEY, sku TEXT NOT NULL, event_id TEXT NOT NULL, event_type TEXT NOT NULL,
                event_time INTEGER NOT NULL, version INTEGER NOT NULL, body TEXT NOT NULL, UNIQUE (sku, event_id));
            """;
        create.ExecuteNonQuery();
        using var head = connection.CreateCommand();
        head.CommandText = "INSERT INTO sku_heads (sku, version) VALUES ($sku, $version)";
        head.Parameters.AddWithValue("$sku", sku.Value);
        head.Parameters.AddWithValue("$version", events.Length);
        head.ExecuteNonQuery();
        for (var i = 0; i < events.Length; i++)
        {
            var entry = new LedgerEntry(events[i], i + 1, Epoch, events[i].Changes, 0, []);
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO ledger (sku, event_id, event_type, event_time, version, body) VALUES ($sku, $id, $type, $time, $version, $body)";
            insert.Parameters.AddWithValue("$sku", sku.Value);
            insert.Parameters.AddWithValue("$id", events[i].Id.Value);
            insert.Parameters.AddWithValue("$type", events[i].Type);
            insert.Parameters.AddWithValue("$time", events[i].Time.UtcTicks);
            insert.Parameters.AddWithValue("$version", i + 1);
            insert.Parameters.AddWithValue("$body", LedgerEntryJson.Serialize(entry));
            insert.ExecuteNonQuery();
        }
    }

    private long UserVersion()
    {
        using var connection = new SqliteConnection($"Data Source={_file.Path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version";
        return (long)command.ExecuteScalar()!;
    }

    public void Dispose() => _file.Dispose();
}
