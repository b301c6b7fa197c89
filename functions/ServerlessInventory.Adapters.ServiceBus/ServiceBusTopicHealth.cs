using Azure;
using Azure.Messaging.ServiceBus.Administration;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Adapters.ServiceBus;

/// <summary>
/// The apply subscription's backlog from the Service Bus administration API (its runtime properties): active and
/// dead-letter message counts. The API does not give the oldest message's age, so that figure is null. A read the
/// namespace refuses (the app's identity lacks Data Owner on the subscription) or that fails answers zeros with a
/// source saying so, rather than failing the whole health report.
/// </summary>
public sealed class ServiceBusTopicHealth(ServiceBusAdministrationClient administration, string topicName, string subscriptionName) : ITopicHealthSource
{
    public async Task<TopicReading> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            SubscriptionRuntimeProperties properties = await administration.GetSubscriptionRuntimePropertiesAsync(topicName, subscriptionName, cancellationToken).ConfigureAwait(false);
            return new TopicReading($"Service Bus administration ({topicName}/{subscriptionName} runtime properties)", properties.ActiveMessageCount, null, properties.DeadLetterMessageCount);
        }
        catch (Exception failure) when (failure is RequestFailedException or UnauthorizedAccessException)
        {
            return new TopicReading($"not measured: Service Bus administration refused or failed ({failure.GetType().Name}{Status(failure)})", 0, null, 0);
        }
    }

    private static string Status(Exception failure) => failure is RequestFailedException { Status: > 0 } request ? $" {request.Status}" : "";
}
