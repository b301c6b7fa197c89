using System.Text.Json.Nodes;
using System.Xml;
using Microsoft.Azure.Functions.Worker;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Deployment.Tests.Support;
using ServerlessInventory.Functions.Messaging;

namespace ServerlessInventory.Deployment.Tests;

/// <summary>
/// The apply trigger, host.json's Service Bus settings and the Bicep topic and subscription agree: sessions on all
/// three, explicit settlement, one commit per delivered batch, one max delivery count, the lock renewed past its
/// duration, and retries governed by the subscription (a Service Bus trigger has no function-level retry).
/// </summary>
public sealed class ServiceBusTests(BicepDeployment deployment)
{
    private const string Topics = "Microsoft.ServiceBus/namespaces/topics";
    private const string Subscriptions = "Microsoft.ServiceBus/namespaces/topics/subscriptions";

    private static JsonObject HostServiceBus => RepositoryFiles.HostJson["extensions"]?["serviceBus"]?.AsObject()
        ?? throw new ShouldAssertException("host.json has no extensions.serviceBus section");

    /// <summary>The subscription the apply trigger reads, found by resolving its %Topic% and %Subscription% in the ARM settings.</summary>
    private JsonObject Subscription(out ServiceBusTriggerAttribute trigger)
    {
        (var method, trigger) = TriggerBindings.OnlyFunction<ServiceBusTriggerAttribute>(t => t.IsSessionsEnabled);
        var where = $"[ServiceBusTrigger] of {TriggerBindings.FunctionName(method)}";
        var topic = TriggerBindings.Resolve(trigger.TopicName ?? throw new ShouldAssertException($"{where} names no topic"), deployment.AppSettings, where);
        var subscription = TriggerBindings.Resolve(trigger.SubscriptionName!, deployment.AppSettings, where);
        return deployment.Resource(Subscriptions, $"/{topic}/{subscription}")["properties"]!.AsObject();
    }

    private static TimeSpan HostTimeSpan(string name) =>
        TimeSpan.TryParse((string?)HostServiceBus[name] ?? throw new ShouldAssertException($"host.json extensions.serviceBus.{name} is missing"), out var value)
            ? value
            : throw new ShouldAssertException($"host.json extensions.serviceBus.{name} is not a TimeSpan (hh:mm:ss)");

    [Fact]
    public void Sessions_TriggerHostJsonAndSubscription_AllEnabled()
    {
        var subscription = Subscription(out var trigger);
        trigger.IsSessionsEnabled.ShouldBeTrue("the apply trigger must be session-enabled (SessionId = SKU: one SKU in order)");
        ((bool?)subscription["requiresSession"]).ShouldBe(trigger.IsSessionsEnabled, "the Bicep subscription's requiresSession must match the trigger's IsSessionsEnabled");
        ((int?)HostServiceBus["maxConcurrentSessions"]).ShouldNotBeNull("host.json extensions.serviceBus.maxConcurrentSessions is missing");
        ((int)HostServiceBus["maxConcurrentSessions"]!).ShouldBeGreaterThan(0, "host.json maxConcurrentSessions");
        HostTimeSpan("sessionIdleTimeout").ShouldBeGreaterThan(TimeSpan.Zero, "host.json sessionIdleTimeout");
    }

    [Fact]
    public void Settlement_TriggerAndHostJson_AreExplicit()
    {
        _ = Subscription(out var trigger);
        trigger.AutoCompleteMessages.ShouldBeFalse("ApplyInventoryEvents settles each message itself; the trigger must not auto-complete");
        ((bool?)HostServiceBus["autoCompleteMessages"]).ShouldBe(false, "host.json extensions.serviceBus.autoCompleteMessages must be false: ApplyInventoryEvents completes, abandons and dead-letters explicitly");
    }

    [Fact]
    public void BatchSize_HostJson_FitsOneCommit()
    {
        var batch = (int?)HostServiceBus["maxMessageBatchSize"] ?? throw new ShouldAssertException("host.json extensions.serviceBus.maxMessageBatchSize is missing");
        batch.ShouldBeInRange(1, SkuCommit.MaxEvents, $"host.json maxMessageBatchSize must be at most SkuCommit.MaxEvents ({SkuCommit.MaxEvents}): one delivered batch is one atomic commit");
        _ = Subscription(out var trigger);
        trigger.IsBatched.ShouldBeTrue("the apply trigger must receive batches for maxMessageBatchSize to mean anything");
        var prefetch = (int?)HostServiceBus["prefetchCount"] ?? throw new ShouldAssertException("host.json extensions.serviceBus.prefetchCount is missing");
        prefetch.ShouldBeGreaterThanOrEqualTo(0, "host.json prefetchCount");
    }

    [Fact]
    public void MaxDeliveryCount_SubscriptionAppSettingAndLocalSettings_AreOneValue()
    {
        var setting = $"{InventoryEventsOptions.SectionName}__{nameof(InventoryEventsOptions.MaxDeliveryCount)}";
        var parameter = (int)deployment.Parameter("maxDeliveryCount");
        ((int?)Subscription(out _)["maxDeliveryCount"]).ShouldBe(parameter, "the subscription's maxDeliveryCount should be the maxDeliveryCount parameter");
        deployment.AppSettings[setting].ShouldBe(parameter.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{setting} (ARM) should be the maxDeliveryCount parameter");
        RepositoryFiles.LocalValues[setting].ShouldBe(parameter.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{setting} in {RepositoryFiles.LocalSettingsFile} should equal the subscription's maxDeliveryCount");
        // One parameter feeds both modules, not two values that happen to agree today.
        var modules = deployment.Template["resources"]!.AsObject();
        foreach (var (module, parameterName) in new[] { ("serviceBus", "maxDeliveryCount"), ("functionApp", "maxDeliveryCount") })
        {
            ((string?)modules[module]?["properties"]?["parameters"]?[parameterName]?["value"])
                .ShouldBe("[parameters('maxDeliveryCount')]", $"main.bicep should pass the maxDeliveryCount parameter itself to the {module} module");
        }
    }

    [Fact]
    public void LockDuration_SubscriptionAndHostJson_RenewalOutlastsTheLock()
    {
        var subscription = Subscription(out _);
        var lockDuration = XmlConvert.ToTimeSpan((string?)subscription["lockDuration"] ?? throw new ShouldAssertException("the subscription has no lockDuration"));
        lockDuration.ShouldBeInRange(TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), "the subscription's lockDuration (Service Bus allows PT5S to PT5M)");
        // The trigger renews the (session) lock while it holds a batch, for up to maxAutoLockRenewalDuration: a renewal
        // window shorter than one lock would renew nothing.
        HostTimeSpan("maxAutoLockRenewalDuration").ShouldBeGreaterThanOrEqualTo(lockDuration, "host.json maxAutoLockRenewalDuration should be at least the subscription's lockDuration");
        // An idle session is released well inside one lock period, so another instance can take the SKU.
        HostTimeSpan("sessionIdleTimeout").ShouldBeLessThan(lockDuration, "host.json sessionIdleTimeout should be shorter than the subscription's lockDuration");
        ((bool?)subscription["deadLetteringOnMessageExpiration"]).ShouldBe(true, "an expired event must be dead-lettered, never dropped");
    }

    [Fact]
    public void DuplicateDetection_Topic_UsesTheWindowParameter()
    {
        var topic = deployment.Resource(Topics, "/" + deployment.AppSettings["ServiceBus__TopicName"])["properties"]!;
        ((bool?)topic["requiresDuplicateDetection"]).ShouldBe(true, "the topic must detect duplicates by MessageId = event id");
        var window = (string)deployment.Parameter("duplicateDetectionWindow")!;
        ((string?)topic["duplicateDetectionHistoryTimeWindow"]).ShouldBe(window, "the topic's window should be the duplicateDetectionWindow parameter");
        ((string?)deployment.Template["parameters"]?["duplicateDetectionWindow"]?["defaultValue"]).ShouldBe("P1D", "main.bicep's default window (channels retry for hours)");
    }

    [Fact]
    public void Retry_ServiceBusTrigger_HasNoFunctionLevelRetry()
    {
        // Isolated worker v4 supports function-level retry only for Timer, Cosmos DB, Event Hubs and Kafka triggers; on a
        // Service Bus trigger the subscription's maxDeliveryCount governs (and a host.json "retry" would not apply).
        var (apply, _) = TriggerBindings.OnlyFunction<ServiceBusTriggerAttribute>(t => t.IsSessionsEnabled);
        apply.GetCustomAttributes(typeof(RetryAttribute), inherit: true).ShouldBeEmpty($"{TriggerBindings.FunctionName(apply)} must not carry a retry attribute");
        RepositoryFiles.HostJson.ContainsKey("retry").ShouldBeFalse("host.json has a \"retry\" section; retries are per function (attributes) or per subscription");
        foreach (var method in TriggerBindings.FunctionMethods.Where(m => m.GetCustomAttributes(typeof(RetryAttribute), inherit: true).Length > 0))
        {
            (TriggerBindings.TriggerOf(method) is TimerTriggerAttribute or CosmosDBTriggerAttribute).ShouldBeTrue(
                $"{TriggerBindings.FunctionName(method)} has a retry attribute on a trigger that does not support function-level retry");
        }
    }
}
