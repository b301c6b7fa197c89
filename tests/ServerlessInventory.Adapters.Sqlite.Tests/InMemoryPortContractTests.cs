using ServerlessInventory.Core.Ports;
using ServerlessInventory.Testing;

namespace ServerlessInventory.Adapters.Sqlite.Tests;

// The same contracts against the in-memory fakes that Core's logic tests use: proof that the fakes behave as the
// real stores do, so a logic test that passes on a fake would pass on SQLite or Azure too.

public sealed class InMemoryParkedEventStoreContractTests : ParkedEventStoreContract
{
    protected override ValueTask<PortUnderTest<IParkedEventStore>> CreatePortAsync() => ValueTask.FromResult(new PortUnderTest<IParkedEventStore>(new InMemoryParkedEventStore()));
}

public sealed class InMemoryDeadLetterStoreContractTests : DeadLetterStoreContract
{
    protected override ValueTask<PortUnderTest<IDeadLetterStore>> CreatePortAsync() => ValueTask.FromResult(new PortUnderTest<IDeadLetterStore>(new InMemoryDeadLetterStore()));
}

public sealed class InMemoryPushStateStoreContractTests : PushStateStoreContract
{
    protected override ValueTask<PortUnderTest<IPushStateStore>> CreatePortAsync() => ValueTask.FromResult(new PortUnderTest<IPushStateStore>(new InMemoryPushStateStore()));
}

public sealed class InMemoryChannelRegistryContractTests : ChannelRegistryContract
{
    protected override ValueTask<PortUnderTest<IChannelRegistry>> CreatePortAsync() => ValueTask.FromResult(new PortUnderTest<IChannelRegistry>(new InMemoryChannelRegistry()));
}

public sealed class InMemoryReconciliationReportStoreContractTests : ReconciliationReportStoreContract
{
    protected override ValueTask<PortUnderTest<IReconciliationReportStore>> CreatePortAsync() =>
        ValueTask.FromResult(new PortUnderTest<IReconciliationReportStore>(new InMemoryReconciliationReportStore()));
}

public sealed class InMemoryReportedLevelStoreContractTests : ReportedLevelStoreContract
{
    protected override ValueTask<PortUnderTest<IReportedLevelStore>> CreatePortAsync() =>
        ValueTask.FromResult(new PortUnderTest<IReportedLevelStore>(new InMemoryReportedLevelStore()));
}
