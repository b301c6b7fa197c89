using Microsoft.Azure.Functions.Worker;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Functions.ChangeFeed;
using ServerlessInventory.LocalRunner.Hosting;

namespace ServerlessInventory.LocalRunner.ChangeFeed;

/// <summary>
/// The function on the Cosmos DB trigger, as both local change-feed drivers hand it a batch (the SQLite change-log pump
/// and, in the Azure mode, the change feed processor): the changed SKUs as the trigger's items, in a scope of their own.
/// </summary>
internal static class ChangeFeedFunction
{
    public static FunctionEntry Entry { get; } = FunctionCatalog.WithTrigger<CosmosDBTriggerAttribute>().Single().Entry;

    public static async Task InvokeAsync(IServiceScopeFactory scopes, IEnumerable<Sku> skus, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        IReadOnlyList<ChangedItem> items = [.. skus.Select(s => new ChangedItem(s.Value))];
        await FunctionInvoker.InvokeAsync(scope.ServiceProvider, Entry, new Dictionary<Type, object> { [typeof(IReadOnlyList<ChangedItem>)] = items }, null, cancellationToken);
    }
}
