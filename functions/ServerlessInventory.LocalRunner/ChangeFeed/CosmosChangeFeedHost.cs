using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using ServerlessInventory.Adapters.Cosmos;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Functions.ChangeFeed;
using ServerlessInventory.LocalRunner.Hosting;

namespace ServerlessInventory.LocalRunner.ChangeFeed;

/// <summary>
/// Stands in for the Cosmos DB trigger in the Azure mode: the SDK's change feed processor reads the master container,
/// keeps its leases in the lease container (as the trigger does), and hands each batch to the change-feed function.
/// A batch whose function throws is delivered again.
/// </summary>
public sealed class CosmosChangeFeedHost(
    CosmosContainers containers,
    IServiceScopeFactory scopes,
    IOptions<LocalRunnerOptions> options) : IHostedService, IAsyncDisposable
{
    private readonly FunctionEntry _function = FunctionCatalog.WithTrigger<CosmosDBTriggerAttribute>().Single().Entry;
    private CosmosChangeFeedListener? _listener;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _listener = new CosmosChangeFeedListener(containers.Master, containers.Leases, _function.Name, $"{Environment.MachineName}-{Environment.ProcessId}");
        await _listener.StartAsync(InvokeAsync, options.Value.ChangeFeedPollInterval, cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_listener is not null)
        {
            await _listener.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_listener is not null)
        {
            await _listener.DisposeAsync();
        }
    }

    private async Task InvokeAsync(IReadOnlyList<Sku> skus, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        IReadOnlyList<ChangedItem> items = [.. skus.Select(s => new ChangedItem(s.Value))];
        await FunctionInvoker.InvokeAsync(scope.ServiceProvider, _function, new Dictionary<Type, object> { [typeof(IReadOnlyList<ChangedItem>)] = items }, null, cancellationToken);
    }
}
