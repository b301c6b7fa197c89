using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.Azure.Functions.Worker;
using ServerlessInventory.Deployment.Tests.Support;
using ServerlessInventory.Functions;

namespace ServerlessInventory.Deployment.Tests;

/// <summary>
/// The functions.metadata the Worker.Sdk generated for the deployed app (what the Functions host indexes) against the
/// function classes, host.json and the Bicep app settings. The local runner discovers its functions from the same
/// classes (<see cref="FunctionsServiceCollectionExtensions.FunctionClasses"/>), so the two sets are proven equal here.
/// </summary>
public sealed class FunctionsMetadataTests(BicepDeployment deployment)
{
    private static readonly Lazy<IReadOnlyDictionary<string, JsonObject>> LazyMetadata = new(() =>
    {
        var output = typeof(FunctionsMetadataTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "FunctionAppOutput").Value!;
        var path = Path.Combine(output, "functions.metadata");
        File.Exists(path).ShouldBeTrue($"{path} was not generated: the function app should build with the Worker.Sdk");
        return JsonNode.Parse(File.ReadAllText(path))!.AsArray().Select(f => f!.AsObject()).ToDictionary(f => (string)f["name"]!);
    });

    private static IReadOnlyDictionary<string, JsonObject> Metadata => LazyMetadata.Value;

    private static JsonObject TriggerOf(string function) =>
        Metadata[function]["bindings"]!.AsArray().Select(b => b!.AsObject()).Single(b => ((string)b["type"]!).EndsWith("Trigger", StringComparison.Ordinal));

    private static IEnumerable<(MethodInfo Method, string Name)> Functions() =>
        FunctionsServiceCollectionExtensions.FunctionClasses.SelectMany(t => t.GetMethods())
            .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null)
            .Select(m => (m, m.GetCustomAttribute<FunctionAttribute>()!.Name));

    [Fact]
    public void FunctionsMetadata_Generated_ListsExactlyTheFunctionsTheRunnerHosts()
    {
        Metadata.Keys.Order().ShouldBe(Functions().Select(f => f.Name).Order());
    }

    [Fact]
    public void FunctionsMetadata_EveryFunction_TriggerAsItsAttributeSays()
    {
        foreach (var (method, name) in Functions())
        {
            var trigger = TriggerOf(name);
            var where = $"functions.metadata {name}";
            switch (TriggerBindings.TriggerOf(method))
            {
                case HttpTriggerAttribute http:
                    ((string)trigger["type"]!).ShouldBe("httpTrigger", where);
                    ((string?)trigger["route"]).ShouldBe(http.Route, where);
                    trigger["methods"]!.AsArray().Select(m => (string)m!).ShouldBe(http.Methods!, where);
                    ((string)trigger["authLevel"]!).ShouldBe(http.AuthLevel.ToString(), where);
                    break;
                case TimerTriggerAttribute timer:
                    ((string)trigger["type"]!).ShouldBe("timerTrigger", where);
                    ((string)trigger["schedule"]!).ShouldBe(timer.Schedule, where);
                    break;
                case ServiceBusTriggerAttribute bus:
                    ((string)trigger["type"]!).ShouldBe("serviceBusTrigger", where);
                    ((string)trigger["topicName"]!).ShouldBe(bus.TopicName, where);
                    ((string)trigger["subscriptionName"]!).ShouldBe(bus.SubscriptionName, where);
                    ((string)trigger["connection"]!).ShouldBe(bus.Connection, where);
                    ((bool?)trigger["isSessionsEnabled"] ?? false).ShouldBe(bus.IsSessionsEnabled, where);
                    ((bool)trigger["autoCompleteMessages"]!).ShouldBe(bus.AutoCompleteMessages, where);
                    ((string)trigger["cardinality"]!).ShouldBe(bus.IsBatched ? "Many" : "One", where);
                    break;
                case CosmosDBTriggerAttribute cosmos:
                    ((string)trigger["type"]!).ShouldBe("cosmosDBTrigger", where);
                    ((string)trigger["databaseName"]!).ShouldBe(cosmos.DatabaseName, where);
                    ((string)trigger["containerName"]!).ShouldBe(cosmos.ContainerName, where);
                    ((string)trigger["leaseContainerName"]!).ShouldBe(cosmos.LeaseContainerName, where);
                    ((string)trigger["connection"]!).ShouldBe(cosmos.Connection, where);
                    break;
                default:
                    throw new ShouldAssertException($"{name}: a trigger this test does not know; check its metadata here");
            }
        }
    }

    [Fact]
    public void FunctionsMetadata_Retry_OnlyWhereAnAttributeAsksAndAsItSays()
    {
        foreach (var (method, name) in Functions())
        {
            var retry = Metadata[name]["retry"]?.AsObject();
            switch (method.GetCustomAttribute<ExponentialBackoffRetryAttribute>())
            {
                case null:
                    retry.ShouldBeNull($"{name} has a retry in functions.metadata but no retry attribute");
                    break;
                case { } attribute:
                    retry.ShouldNotBeNull($"{name}'s retry attribute is missing from functions.metadata");
                    ((string)retry["strategy"]!).ShouldBe("exponentialBackoff");
                    ((int)retry["maxRetryCount"]!).ShouldBe(attribute.MaxRetryCount);
                    ((string)retry["minimumInterval"]!).ShouldBe(attribute.MinimumInterval);
                    ((string)retry["maximumInterval"]!).ShouldBe(attribute.MaximumInterval);
                    break;
            }
        }
    }

    [Fact]
    public void FunctionsMetadata_ServiceBusTriggers_AgreeWithHostJsonAndTheBicepSubscription()
    {
        var hostBus = RepositoryFiles.HostJson["extensions"]!["serviceBus"]!.AsObject();
        var buses = Metadata.Keys.Where(f => (string)TriggerOf(f)["type"]! == "serviceBusTrigger").ToList();
        buses.Count.ShouldBe(2, "ApplyInventoryEvents and RecordBrokerDeadLetters");
        foreach (var name in buses)
        {
            var trigger = TriggerOf(name);
            ((bool)trigger["autoCompleteMessages"]!).ShouldBe((bool)hostBus["autoCompleteMessages"]!, $"{name} settles explicitly, as host.json says");
            var topic = TriggerBindings.Resolve((string)trigger["topicName"]!, deployment.AppSettings, name);
            var subscription = TriggerBindings.Resolve((string)trigger["subscriptionName"]!, deployment.AppSettings, name).Split('/')[0];
            Should.NotThrow(() => deployment.Resource("Microsoft.ServiceBus/namespaces/topics/subscriptions", $"/{topic}/{subscription}"),
                $"{name} reads {topic}/{subscription}, which the Bicep does not deploy");
            if ((string)trigger["cardinality"]! == "Many")
            {
                ((int?)hostBus["maxMessageBatchSize"]).ShouldNotBeNull($"{name} is batched: host.json should bound its batch");
            }
        }
        ((bool)TriggerOf(nameof(ServerlessInventory.Functions.Messaging.ApplyInventoryEvents))["isSessionsEnabled"]!).ShouldBeTrue();
        ((string)TriggerOf(nameof(ServerlessInventory.Functions.Messaging.RecordBrokerDeadLetters))["subscriptionName"]!).ShouldEndWith("/$deadletterqueue");
    }

    [Fact]
    public void FunctionsMetadata_TimerSchedules_AreSetInTheBicepAppSettings()
    {
        foreach (var name in Metadata.Keys.Where(f => (string)TriggerOf(f)["type"]! == "timerTrigger"))
        {
            var schedule = (string)TriggerOf(name)["schedule"]!;
            schedule.ShouldStartWith("%", customMessage: $"{name}'s schedule should come from an app setting");
            TriggerBindings.Resolve(schedule, deployment.AppSettings, name).ShouldNotBeNullOrWhiteSpace();
        }
    }
}
