using System.Text.Json;
using Microsoft.Azure.Cosmos;
using ServerlessInventory.Core.Domain;

namespace ServerlessInventory.Adapters.Cosmos;

/// <summary>
/// The change feed processor over the master container, with its leases in the lease container: what the Functions
/// Cosmos DB trigger does in Azure, for a host without that trigger (the local runner's Azure mode). Each batch hands
/// the SKUs that changed, once each, to <c>onChanges</c>; a batch whose handler throws is delivered again, and leases
/// let several instances share the feed.
/// </summary>
public sealed class CosmosChangeFeedListener(Container monitored, Container leases, string processorName, string instanceName) : IAsyncDisposable
{
    private ChangeFeedProcessor? _processor;

    public async Task StartAsync(Func<IReadOnlyList<Sku>, CancellationToken, Task> onChanges, TimeSpan pollInterval, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_processor is not null)
        {
            throw new InvalidOperationException("the change feed listener is already started");
        }
        var processor = monitored
            .GetChangeFeedProcessorBuilder(processorName, async (ChangeFeedProcessorContext _, Stream changes, CancellationToken ct) =>
            {
                using var page = await JsonDocument.ParseAsync(changes, cancellationToken: ct).ConfigureAwait(false);
                var skus = CosmosChangeFeed.HeadChanges(page.RootElement).Select(c => c.Sku).Distinct().ToList();
                if (skus.Count > 0)
                {
                    await onChanges(skus, ct).ConfigureAwait(false);
                }
            })
            .WithInstanceName(instanceName)
            .WithLeaseContainer(leases)
            .WithPollInterval(pollInterval)
            .Build();
        // Kept before starting, so a stop (or a failed start) always finds it and releases its leases.
        _processor = processor;
        try
        {
            await processor.StartAsync().ConfigureAwait(false);
        }
        catch
        {
            await StopAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task StopAsync()
    {
        if (_processor is { } processor)
        {
            _processor = null;
            await processor.StopAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);
}
