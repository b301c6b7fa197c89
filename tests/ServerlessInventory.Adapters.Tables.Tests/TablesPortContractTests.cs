using ServerlessInventory.Core.Ports;
using ServerlessInventory.Testing;

namespace ServerlessInventory.Adapters.Tables.Tests;

// The port contracts, unchanged, against the Table storage repositories on a real Azurite (the SDK, no mocks).

public sealed class TablesParkedEventStoreContractTests(AzuriteFixture azurite) : ParkedEventStoreContract
{
    protected override ValueTask<PortUnderTest<IParkedEventStore>> CreatePortAsync() =>
        ValueTask.FromResult(new PortUnderTest<IParkedEventStore>(new TablesParkedEventStore(azurite.Table(TablesAdapter.ParkedEvents))));
}

public sealed class TablesDeadLetterStoreContractTests(AzuriteFixture azurite) : DeadLetterStoreContract
{
    protected override ValueTask<PortUnderTest<IDeadLetterStore>> CreatePortAsync() =>
        ValueTask.FromResult(new PortUnderTest<IDeadLetterStore>(new TablesDeadLetterStore(azurite.Table(TablesAdapter.DeadLetters))));
}

public sealed class TablesPushStateStoreContractTests(AzuriteFixture azurite) : PushStateStoreContract
{
    protected override ValueTask<PortUnderTest<IPushStateStore>> CreatePortAsync() =>
        ValueTask.FromResult(new PortUnderTest<IPushStateStore>(new TablesPushStateStore(azurite.Table(TablesAdapter.PushStates))));
}

public sealed class TablesChannelRegistryContractTests(AzuriteFixture azurite) : ChannelRegistryContract
{
    protected override ValueTask<PortUnderTest<IChannelRegistry>> CreatePortAsync() =>
        ValueTask.FromResult(new PortUnderTest<IChannelRegistry>(new TablesChannelRegistry(azurite.Table(TablesAdapter.Channels))));
}

public sealed class TablesReconciliationReportStoreContractTests(AzuriteFixture azurite) : ReconciliationReportStoreContract
{
    protected override ValueTask<PortUnderTest<IReconciliationReportStore>> CreatePortAsync() =>
        ValueTask.FromResult(new PortUnderTest<IReconciliationReportStore>(new TablesReconciliationReportStore(azurite.Table(TablesAdapter.ReconciliationRuns))));
}

public sealed class TablesReportedLevelStoreContractTests(AzuriteFixture azurite) : ReportedLevelStoreContract
{
    protected override ValueTask<PortUnderTest<IReportedLevelStore>> CreatePortAsync() =>
        ValueTask.FromResult(new PortUnderTest<IReportedLevelStore>(new TablesReportedLevelStore(azurite.Table(TablesAdapter.ReconciliationRuns))));
}
