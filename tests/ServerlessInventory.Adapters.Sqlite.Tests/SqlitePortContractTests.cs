using ServerlessInventory.Core.Ports;
using ServerlessInventory.Testing;

namespace ServerlessInventory.Adapters.Sqlite.Tests;

// The port contracts, unchanged, against a real SQLite file per test.

public sealed class SqliteParkedEventStoreContractTests : ParkedEventStoreContract
{
    protected override ValueTask<PortUnderTest<IParkedEventStore>> CreatePortAsync() => SqlitePort.Create<IParkedEventStore>(d => new SqliteParkedEventStore(d));
}

public sealed class SqliteDeadLetterStoreContractTests : DeadLetterStoreContract
{
    protected override ValueTask<PortUnderTest<IDeadLetterStore>> CreatePortAsync() => SqlitePort.Create<IDeadLetterStore>(d => new SqliteDeadLetterStore(d));
}

public sealed class SqlitePushStateStoreContractTests : PushStateStoreContract
{
    protected override ValueTask<PortUnderTest<IPushStateStore>> CreatePortAsync() => SqlitePort.Create<IPushStateStore>(d => new SqlitePushStateStore(d));
}

public sealed class SqliteChannelRegistryContractTests : ChannelRegistryContract
{
    protected override ValueTask<PortUnderTest<IChannelRegistry>> CreatePortAsync() => SqlitePort.Create<IChannelRegistry>(d => new SqliteChannelRegistry(d));
}

public sealed class SqliteReconciliationReportStoreContractTests : ReconciliationReportStoreContract
{
    protected override ValueTask<PortUnderTest<IReconciliationReportStore>> CreatePortAsync() =>
        SqlitePort.Create<IReconciliationReportStore>(d => new SqliteReconciliationReportStore(d));
}

internal static class SqlitePort
{
    public static ValueTask<PortUnderTest<TPort>> Create<TPort>(Func<SqliteDatabase, TPort> create)
        where TPort : class
    {
        var file = new TempDatabase();
        var database = file.Open();
        return ValueTask.FromResult(new PortUnderTest<TPort>(create(database), () =>
        {
            database.Dispose();
            file.Dispose();
            return ValueTask.CompletedTask;
        }));
    }
}

public sealed class SqliteReportedLevelStoreContractTests : ReportedLevelStoreContract
{
    protected override ValueTask<PortUnderTest<IReportedLevelStore>> CreatePortAsync() =>
        SqlitePort.Create<IReportedLevelStore>(d => new SqliteReportedLevelStore(d));
}
