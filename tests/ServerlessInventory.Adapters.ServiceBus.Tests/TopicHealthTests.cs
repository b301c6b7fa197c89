using Azure;
using Azure.Messaging.ServiceBus;
using Azure.Messaging.ServiceBus.Administration;
using ServerlessInventory.Adapters.ServiceBus;

namespace ServerlessInventory.Adapters.ServiceBus.Tests;

/// <summary>The apply subscription's backlog read through the administration API, as the health report takes it.</summary>
public sealed class TopicHealthTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Read_SubscriptionWithBacklog_AnswersActiveAndDeadLetterCountsFromItsRuntimeProperties()
    {
        var administration = new RuntimePropertiesClient(ServiceBusModelFactory.SubscriptionRuntimeProperties(
            "inventory-events", "apply", totalMessageCount: 12, activeMessageCount: 9, deadLetterMessageCount: 3));

        var reading = await new ServiceBusTopicHealth(administration, "inventory-events", "apply").ReadAsync(Ct);

        administration.Asked.ShouldBe(("inventory-events", "apply"));
        reading.Pending.ShouldBe(9);
        reading.DeadLettered.ShouldBe(3);
        reading.OldestPendingAge.ShouldBeNull();
        reading.Source.ShouldBe("Service Bus administration (inventory-events/apply runtime properties)");
    }

    [Fact]
    public async Task Read_NamespaceRefuses_SaysNotMeasuredWithTheStatusInsteadOfThrowing()
    {
        var administration = new RuntimePropertiesClient(new RequestFailedException(401, "Manage claim required"));

        var reading = await new ServiceBusTopicHealth(administration, "inventory-events", "apply").ReadAsync(Ct);

        reading.Source.ShouldStartWith("not measured");
        reading.Source.ShouldContain("401");
        reading.Pending.ShouldBe(0);
    }

    private sealed class RuntimePropertiesClient : ServiceBusAdministrationClient
    {
        private readonly SubscriptionRuntimeProperties? _properties;
        private readonly Exception? _failure;

        public RuntimePropertiesClient(SubscriptionRuntimeProperties properties) => _properties = properties;

        public RuntimePropertiesClient(Exception failure) => _failure = failure;

        public (string Topic, string Subscription)? Asked { get; private set; }

        public override Task<Response<SubscriptionRuntimeProperties>> GetSubscriptionRuntimePropertiesAsync(string topicName, string subscriptionName, CancellationToken cancellationToken = default)
        {
            Asked = (topicName, subscriptionName);
            return _failure is not null
                ? Task.FromException<Response<SubscriptionRuntimeProperties>>(_failure)
                : Task.FromResult(Response.FromValue(_properties!, null!));
        }
    }
}
