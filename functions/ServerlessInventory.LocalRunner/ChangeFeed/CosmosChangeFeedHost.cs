using Microsoft.Extensions.Options;
using ServerlessInventory.Adapters.Cosmos;
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
    private CosmosChangeFeedListener? _listener;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _listener = new CosmosChangeFeedListener(containers.Master, containers.Leases, ChangeFeedFunction.Entry.Name, $"{Environment.MachineName}-{Environment.ProcessId}");
        await _listener.StartAsync((skus, ct) => ChangeFeedFunction.InvokeAsync(scopes, skus, ct), options.Value.ChangeFeedPollInterval, cancellationToken);
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
}
