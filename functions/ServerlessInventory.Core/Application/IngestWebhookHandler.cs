using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessInventory.Core.Availability;
using ServerlessInventory.Core.Channels;
using ServerlessInventory.Core.Channels.Shopify;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Events;
using ServerlessInventory.Core.Ports;
using ServerlessInventory.Core.Serialization;

namespace ServerlessInventory.Core.Application;

/// <summary>
/// A channel's webhook: signature, then its events mapped and validated one by one. Good events are published
/// to the topic; bad ones inside a batch are parked with their reason, never dropped and never failing the rest.
/// A single event that is invalid is answered 400 instead, since the sender can fix it at once. An event dated beyond
/// the clock tolerance is parked even alone: the fact it records is real, only its moment is not to be trusted.
/// A Shopify channel's delivery is translated by <see cref="ShopifyWebhookReader"/> into the same reads, always treated
/// as a batch (a bad line or payload is parked, never a 4xx, since Shopify disables subscriptions that keep failing).
/// </summary>
public sealed partial class IngestWebhookHandler(
    IInventoryCatalogSource catalogSource,
    IEventPublisher publisher,
    IParkedEventStore parked,
    TimeProvider timeProvider,
    IOptions<WebhookOptions> options,
    InventoryMetrics metrics,
    ILogger<IngestWebhookHandler> logger)
{
    private readonly WebhookOptions _options = options.Value;

    public async Task<WebhookResult> HandleAsync(WebhookRequest request, CancellationToken cancellationToken)
    {
        var catalog = await catalogSource.GetCatalogAsync(cancellationToken).ConfigureAwait(false);
        if (!IsChannelId(request.Channel) || !catalog.TryGetConnection(new ChannelId(request.Channel), out var connection))
        {
            return new WebhookResult.UnknownChannel(request.Channel);
        }
        if (request.Body.Length > _options.MaxBodyBytes)
        {
            return new WebhookResult.TooLarge($"body is larger than {_options.MaxBodyBytes} bytes");
        }
        if (!connection.AcceptsWebhooks
            || !WebhookSignature.IsValid(connection.Format, connection.Secret!, request.Body.Span, request.Header(WebhookSignature.HeaderFor(connection.Format))))
        {
            return new WebhookResult.Unauthorized();
        }
        if (connection.Format == WebhookFormat.Shopify)
        {
            return await AcceptShopifyAsync(catalog, connection, request, cancellationToken).ConfigureAwait(false);
        }

        // Each event is kept as the text the channel sent, so a parked event holds exactly what arrived.
        string[] events;
        JsonValueKind kind;
        try
        {
            using var document = StrictJson.Parse(request.Body);
            kind = document.RootElement.ValueKind;
            events = kind switch
            {
                JsonValueKind.Array => [.. document.RootElement.EnumerateArray().Select(e => e.GetRawText())],
                JsonValueKind.Object => [document.RootElement.GetRawText()],
                _ => [],
            };
        }
        catch (JsonException notJson)
        {
            return new WebhookResult.Malformed("body", $"is not valid JSON: {notJson.Message}");
        }
        return (kind, events.Length) switch
        {
            (JsonValueKind.Array, 0) => new WebhookResult.Malformed("body", "holds no events"),
            (JsonValueKind.Array, var count) when count > _options.MaxEventsPerRequest => new WebhookResult.TooLarge($"at most {_options.MaxEventsPerRequest} events per request"),
            (JsonValueKind.Array, _) => await AcceptAsync(connection, [.. events.Select(e => ChannelEventReader.Read(connection, e))], cancellationToken).ConfigureAwait(false),
            (JsonValueKind.Object, _) => await AcceptSingleAsync(connection, ChannelEventReader.Read(connection, events[0]), cancellationToken).ConfigureAwait(false),
            _ => new WebhookResult.Malformed("body", "must be a CloudEvents JSON object or an array of them"),
        };
    }

    private async Task<WebhookResult> AcceptShopifyAsync(InventoryCatalog catalog, ChannelConnection connection, WebhookRequest request, CancellationToken cancellationToken)
    {
        var delivery = ShopifyDelivery.FromHeaders(request.Header);
        var translation = ShopifyWebhookReader.Read(connection, delivery, request.Body, DefaultLocation(catalog, connection), timeProvider.GetUtcNow());
        if (translation is ShopifyTranslation.Events events)
        {
            return await AcceptAsync(connection, events.Reads, cancellationToken).ConfigureAwait(false);
        }
        LogShopifyTopicIgnored(logger, connection.Channel.Value, delivery.Topic ?? "(none)", delivery.WebhookId ?? "(none)", delivery.ShopDomain ?? "(none)", delivery.ApiVersion ?? "(none)");
        return new WebhookResult.Ignored(delivery.Topic);
    }

    /// <summary>
    /// Where a Shopify order line is committed when the delivery names no location (an online order): the one master
    /// location the channel's location map names, else the one location it sells from; none when that is ambiguous.
    /// </summary>
    private static LocationId? DefaultLocation(InventoryCatalog catalog, ChannelConnection connection) =>
        connection.Mapping.MappedLocations switch
        {
            [var only] => only,
            [] when catalog.TryGetChannel(connection.Channel, out var policy) && policy.Locations.Count == 1 => policy.Locations[0],
            _ => null,
        };

    private async Task<WebhookResult> AcceptSingleAsync(ChannelConnection connection, ChannelEventRead read, CancellationToken cancellationToken) =>
        // Unmappable is a master-data gap ops can close, so it is parked; any other fault is the sender's to fix.
        read.Event is null && !read.Unmappable
            ? new WebhookResult.Malformed(read.Field!, read.Reason!)
            : await AcceptAsync(connection, [read], cancellationToken).ConfigureAwait(false);

    private async Task<WebhookResult> AcceptAsync(ChannelConnection connection, IReadOnlyList<ChannelEventRead> reads, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var accepted = new List<InventoryEvent>();
        var duplicates = new List<string>();
        var toPark = new List<ParkedEvent>();
        var seen = new HashSet<EventKey>();
        foreach (var read in reads)
        {
            if (read.Event is not { } evt)
            {
                toPark.Add(ChannelEventReader.Park(connection, read, now));
            }
            else if (!seen.Add(evt.Key))
            {
                duplicates.Add(evt.Id.Value);
            }
            else if (FutureDatedEvent.Check(evt, now, _options.ClockTolerance) is { } ahead)
            {
                toPark.Add(ChannelEventReader.Park(connection, read with { Field = ahead.Field, Reason = ahead.Reason }, now));
            }
            else
            {
                accepted.Add(evt);
            }
        }

        if (toPark.Count > 0)
        {
            await parked.ParkAsync(toPark, cancellationToken).ConfigureAwait(false);
        }
        PublishResult published;
        try
        {
            published = accepted.Count > 0
                ? await publisher.PublishAsync(accepted, cancellationToken).ConfigureAwait(false)
                : PublishResult.NoDuplicates;
        }
        catch (EventPublishException)
        {
            // A 202 promises the events will be applied; without the topic nothing can be promised, so the channel retries.
            return new WebhookResult.Unavailable();
        }
        var dropped = published.Duplicates.ToHashSet();
        duplicates.AddRange(dropped.Select(d => d.Id.Value));
        metrics.Ingested(accepted.Count - dropped.Count, duplicates.Count, toPark.Count);

        return new WebhookResult.Accepted(
            [.. accepted.Where(e => !dropped.Contains(e.Key)).Select(e => e.Id.Value)],
            duplicates,
            [.. toPark.Select(p => new ParkedSummary(p.EventId ?? p.Id, $"{p.Field}: {p.Reason}"))]);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Shopify delivery to {Channel} with topic {Topic} ignored: it moves no stock (webhook {WebhookId}, shop {Shop}, API version {ApiVersion})")]
    private static partial void LogShopifyTopicIgnored(ILogger logger, string channel, string topic, string webhookId, string shop, string apiVersion);

    private static bool IsChannelId(string channel)
    {
        try
        {
            _ = new ChannelId(channel);
            return true;
        }
        catch (DomainValidationException)
        {
            return false;
        }
    }
}
