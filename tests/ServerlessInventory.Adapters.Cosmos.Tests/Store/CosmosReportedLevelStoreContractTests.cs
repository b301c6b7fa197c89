using ServerlessInventory.Core.Ports;
using ServerlessInventory.Testing;
using ServerlessInventory.Testing.Emulators;

namespace ServerlessInventory.Adapters.Cosmos.Tests.Store;

/// <summary>The reported level contract on Cosmos DB: levels kept in their SKU's partition of the master container.</summary>
public sealed class CosmosReportedLevelStoreContractTests(CosmosStandIn endpoint) : ReportedLevelStoreContract
{
    protected override async ValueTask<PortUnderTest<IReportedLevelStore>> CreatePortAsync()
    {
        var store = await CosmosStore.CreateAsync(endpoint, TestContext.Current.CancellationToken);
        return new PortUnderTest<IReportedLevelStore>(new CosmosReportedLevelStore(store.Master), store.DisposeAsync);
    }
}
