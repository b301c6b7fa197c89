using ServerlessInventory.Core.Ports;
using ServerlessInventory.Testing;
using ServerlessInventory.Testing.Emulators;

namespace ServerlessInventory.Adapters.Cosmos.Tests.Store;

/// <summary>The SKU directory contract on Cosmos DB: the stand-in in CI, or COSMOS_ENDPOINT.</summary>
public sealed class CosmosSkuDirectoryContractTests(CosmosStandIn endpoint) : SkuDirectoryContract
{
    protected override async ValueTask<(IInventoryStore Store, ISkuDirectory Directory, Func<ValueTask> Dispose)> CreateAsync()
    {
        var store = await CosmosStore.CreateAsync(endpoint, TestContext.Current.CancellationToken);
        return (new CosmosInventoryStore(store.Master), new CosmosSkuDirectory(store.Master), store.DisposeAsync);
    }
}
