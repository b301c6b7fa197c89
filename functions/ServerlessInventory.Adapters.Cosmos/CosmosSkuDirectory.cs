using Microsoft.Azure.Cosmos;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Adapters.Cosmos;

/// <summary>The SKUs of the Cosmos DB master, from their head items: one cross-partition query per page.</summary>
public sealed class CosmosSkuDirectory(Container master) : ISkuDirectory
{
    public async Task<IReadOnlyList<Sku>> ListSkusAsync(Sku? after, int pageSize, CancellationToken cancellationToken)
    {
        var query = new QueryDefinition("SELECT c.sku FROM c WHERE c.type = @type AND c.sku > @after ORDER BY c.sku")
            .WithParameter("@type", CosmosItems.HeadType)
            .WithParameter("@after", after?.Value ?? string.Empty);
        var items = await CosmosQueries.ReadAllAsync(master, query, partition: null, cancellationToken, pageSize).ConfigureAwait(false);
        return [.. items.Select(item => new Sku(item.GetProperty("sku").GetString()!))];
    }
}
