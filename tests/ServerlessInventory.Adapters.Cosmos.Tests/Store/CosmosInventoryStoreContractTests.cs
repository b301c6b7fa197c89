using ServerlessInventory.Testing;
using ServerlessInventory.Testing.Emulators;

namespace ServerlessInventory.Adapters.Cosmos.Tests.Store;

/// <summary>The foundation's store contract, unchanged, on Cosmos DB: the stand-in in CI, or COSMOS_ENDPOINT.</summary>
public sealed class CosmosInventoryStoreContractTests(CosmosStandIn endpoint) : InventoryStoreContract
{
    protected override async ValueTask<StoreUnderTest> CreateStoreAsync()
    {
        var store = await CosmosStore.CreateAsync(endpoint, TestContext.Current.CancellationToken);
        return new StoreUnderTest(new CosmosInventoryStore(store.Master), new CosmosChangeFeed(store.Master), new CosmosReportedLevelStore(store.Master), store.DisposeAsync);
    }
}
