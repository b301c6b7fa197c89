using System.Runtime.ExceptionServices;
using ServerlessInventory.Adapters.Channels.Shopify;
using ServerlessInventory.Core.Channels;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Adapters.Channels;

/// <summary>
/// Core's <see cref="IAvailabilitySink"/>: a Shopify channel with a shop configured goes through
/// <see cref="ShopifyPushSink"/> (its Admin API, batched), every other through <see cref="ChannelPushSink"/> (its push
/// URL, or a log line). Counts what waits per channel (<see cref="ChannelPushMetrics"/>).
/// </summary>
public sealed class ChannelPushDispatcher(ChannelPushSink http, ShopifyPushSink shopify, IInventoryCatalogSource catalogSource, ChannelPushMetrics metrics) : IAvailabilitySink
{
    public async Task PushAsync(AvailabilityUpdate update, CancellationToken cancellationToken)
    {
        if ((await PushBatchAsync([update], cancellationToken).ConfigureAwait(false))[0] is { } failure)
        {
            ExceptionDispatchInfo.Throw(failure);
        }
    }

    public async Task<IReadOnlyList<Exception?>> PushBatchAsync(IReadOnlyList<AvailabilityUpdate> updates, CancellationToken cancellationToken)
    {
        var catalog = await catalogSource.GetCatalogAsync(cancellationToken).ConfigureAwait(false);
        var failures = new Exception?[updates.Count];
        var byChannel = Enumerable.Range(0, updates.Count).GroupBy(i => updates[i].Channel);
        await Parallel.ForEachAsync(byChannel, cancellationToken, async (channel, ct) =>
        {
            List<int> indexes = [.. channel];
            List<AvailabilityUpdate> batch = [.. indexes.Select(i => updates[i])];
            metrics.Enqueued(channel.Key, batch.Count);
            try
            {
                var results = catalog.TryGetConnection(channel.Key, out var connection) && connection.Shopify is { } shop
                    ? await shopify.PushBatchAsync(connection, shop, batch, ct).ConfigureAwait(false)
                    : await http.PushBatchAsync(batch, ct).ConfigureAwait(false);
                for (var k = 0; k < indexes.Count; k++)
                {
                    failures[indexes[k]] = results[k];
                }
            }
            finally
            {
                metrics.Answered(channel.Key, batch.Count);
            }
        }).ConfigureAwait(false);
        return failures;
    }
}

/// <summary>Core's <see cref="IChannelLevelSource"/>: a Shopify channel's levels from its Admin API, another's from its <c>LevelsUrl</c>.</summary>
public sealed class ChannelLevelSourceDispatcher(HttpChannelLevelSource http, ShopifyLevelSource shopify, IInventoryCatalogSource catalogSource) : IChannelLevelSource
{
    public async Task<ChannelLevelsPage?> PullAsync(ChannelId channel, string? continuation, CancellationToken cancellationToken)
    {
        var catalog = await catalogSource.GetCatalogAsync(cancellationToken).ConfigureAwait(false);
        return catalog.TryGetConnection(channel, out var connection) && connection.Shopify is { } shop
            ? await shopify.PullAsync(connection, shop, continuation, cancellationToken).ConfigureAwait(false)
            : await http.PullAsync(channel, continuation, cancellationToken).ConfigureAwait(false);
    }
}
