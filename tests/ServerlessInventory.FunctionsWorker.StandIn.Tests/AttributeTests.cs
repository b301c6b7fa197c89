using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace ServerlessInventory.FunctionsWorker.StandIn.Tests;

public class AttributeTests
{
    [Fact]
    public void HttpTrigger_MethodsOnly_LeavesAuthLevelAnonymous()
    {
        var trigger = new HttpTriggerAttribute("get", "post");

        trigger.AuthLevel.ShouldBe(AuthorizationLevel.Anonymous);
        trigger.Methods.ShouldBe(["get", "post"]);
    }

    [Fact]
    public void HttpTrigger_Parameterless_UsesFunctionAuthLevelAndAnyMethod()
    {
        var trigger = new HttpTriggerAttribute();

        trigger.AuthLevel.ShouldBe(AuthorizationLevel.Function);
        trigger.Methods.ShouldBeNull();
        trigger.Route.ShouldBeNull();
    }

    [Fact]
    public void HttpTrigger_LevelOnly_UsesThatLevelAndAnyMethod()
    {
        var trigger = new HttpTriggerAttribute(AuthorizationLevel.Admin);

        trigger.AuthLevel.ShouldBe(AuthorizationLevel.Admin);
        trigger.Methods.ShouldBeNull();
    }

    [Fact]
    public void HttpTrigger_LevelAndMethods_KeepsBoth()
    {
        var trigger = new HttpTriggerAttribute(AuthorizationLevel.Function, "put") { Route = "items/{sku}" };

        trigger.AuthLevel.ShouldBe(AuthorizationLevel.Function);
        trigger.Methods.ShouldBe(["put"]);
        trigger.Route.ShouldBe("items/{sku}");
    }

    [Fact]
    public void AuthorizationLevel_Values_AreTheRealOnes()
    {
        ((int)AuthorizationLevel.Anonymous).ShouldBe(0);
        ((int)AuthorizationLevel.User).ShouldBe(1);
        ((int)AuthorizationLevel.Function).ShouldBe(2);
        ((int)AuthorizationLevel.System).ShouldBe(3);
        ((int)AuthorizationLevel.Admin).ShouldBe(4);
    }

    [Fact]
    public void TimerTrigger_Constructed_UsesMonitorAndNotRunOnStartup()
    {
        var trigger = new TimerTriggerAttribute("0 */5 * * * *");

        trigger.Schedule.ShouldBe("0 */5 * * * *");
        trigger.UseMonitor.ShouldBeTrue();
        trigger.RunOnStartup.ShouldBeFalse();
    }

    [Theory]
    [InlineData(null, "items")]
    [InlineData("", "items")]
    [InlineData("   ", "items")]
    [InlineData("inventory", null)]
    [InlineData("inventory", "")]
    [InlineData("inventory", " ")]
    public void CosmosDBTrigger_BlankName_Throws(string? databaseName, string? containerName) =>
        Should.Throw<ArgumentException>(() => new CosmosDBTriggerAttribute(databaseName!, containerName!));

    [Fact]
    public void CosmosDBTrigger_BothBlank_NamesContainerFirst() =>
        Should.Throw<ArgumentException>(() => new CosmosDBTriggerAttribute("", ""))
            .ParamName.ShouldBe("containerName");

    [Fact]
    public void CosmosDBTrigger_Names_AreKeptWithNoLeaseDefaults()
    {
        var trigger = new CosmosDBTriggerAttribute(databaseName: "inventory", containerName: "items");

        trigger.DatabaseName.ShouldBe("inventory");
        trigger.ContainerName.ShouldBe("items");
        trigger.LeaseContainerName.ShouldBeNull();
        trigger.CreateLeaseContainerIfNotExists.ShouldBeFalse();
        trigger.StartFromBeginning.ShouldBeFalse();
        trigger.FeedPollDelay.ShouldBe(0);
    }

    [Fact]
    public void ServiceBusTrigger_TopicConstructor_SetsTopicAndSubscriptionAndLeavesQueueNull()
    {
        var trigger = new ServiceBusTriggerAttribute("%TopicName%", "%SubscriptionName%");

        trigger.TopicName.ShouldBe("%TopicName%");
        trigger.SubscriptionName.ShouldBe("%SubscriptionName%");
        trigger.QueueName.ShouldBeNull();
    }

    [Fact]
    public void ServiceBusTrigger_QueueConstructor_SetsQueueAndLeavesTopicNull()
    {
        var trigger = new ServiceBusTriggerAttribute("orders");

        trigger.QueueName.ShouldBe("orders");
        trigger.TopicName.ShouldBeNull();
        trigger.SubscriptionName.ShouldBeNull();
    }

    [Fact]
    public void ServiceBusTrigger_Defaults_AreNotBatchedNotSessionsNotAutoComplete()
    {
        var trigger = new ServiceBusTriggerAttribute("orders");

        trigger.IsBatched.ShouldBeFalse();
        trigger.IsSessionsEnabled.ShouldBeFalse();
        trigger.AutoCompleteMessages.ShouldBeFalse();
        trigger.Connection.ShouldBeNull();
    }

    [Fact]
    public void FixedDelayRetry_ValidInterval_KeepsCountAndInterval()
    {
        var retry = new FixedDelayRetryAttribute(5, "00:00:10");

        retry.MaxRetryCount.ShouldBe(5);
        retry.DelayInterval.ShouldBe("00:00:10");
    }

    [Theory]
    [InlineData("not a time")]
    [InlineData("-00:00:01")]
    public void FixedDelayRetry_BadInterval_ThrowsOutOfRange(string interval) =>
        Should.Throw<ArgumentOutOfRangeException>(() => new FixedDelayRetryAttribute(3, interval));

    [Fact]
    public void ExponentialBackoffRetry_ValidIntervals_KeepsCountAndIntervals()
    {
        var retry = new ExponentialBackoffRetryAttribute(4, "00:00:02", "00:05:00");

        retry.MaxRetryCount.ShouldBe(4);
        retry.MinimumInterval.ShouldBe("00:00:02");
        retry.MaximumInterval.ShouldBe("00:05:00");
    }

    [Fact]
    public void ExponentialBackoffRetry_MinimumAboveMaximum_ThrowsArgument() =>
        Should.Throw<ArgumentException>(() => new ExponentialBackoffRetryAttribute(4, "00:01:00", "00:00:10"))
            .ParamName.ShouldBe("minimumInterval");

    [Theory]
    [InlineData("bad", "00:00:10")]
    [InlineData("00:00:01", "bad")]
    [InlineData("-00:00:01", "00:00:10")]
    public void ExponentialBackoffRetry_BadInterval_ThrowsOutOfRange(string minimum, string maximum) =>
        Should.Throw<ArgumentOutOfRangeException>(() => new ExponentialBackoffRetryAttribute(4, minimum, maximum));

    [Fact]
    public void FunctionAttribute_Usage_IsMethodsOnly() =>
        UsageOf(typeof(FunctionAttribute)).ShouldBe(AttributeTargets.Method);

    [Theory]
    [InlineData(typeof(HttpTriggerAttribute))]
    [InlineData(typeof(TimerTriggerAttribute))]
    [InlineData(typeof(ServiceBusTriggerAttribute))]
    [InlineData(typeof(CosmosDBTriggerAttribute))]
    public void Trigger_Usage_IsParametersOnlyInheritedFromTriggerBindingAttribute(Type trigger)
    {
        trigger.IsSubclassOf(typeof(TriggerBindingAttribute)).ShouldBeTrue();
        trigger.IsSealed.ShouldBeTrue();
        UsageOf(trigger).ShouldBe(AttributeTargets.Parameter);
    }

    [Theory]
    [InlineData(typeof(FixedDelayRetryAttribute))]
    [InlineData(typeof(ExponentialBackoffRetryAttribute))]
    public void RetryAttribute_Usage_IsMethodsOnly(Type retry)
    {
        retry.IsSubclassOf(typeof(RetryAttribute)).ShouldBeTrue();
        UsageOf(retry).ShouldBe(AttributeTargets.Method);
    }

    [Fact]
    public void BindingBases_Usage_IsAsInTheRealHierarchy()
    {
        UsageOf(typeof(BindingAttribute)).ShouldBe(AttributeTargets.Method);
        UsageOf(typeof(InputBindingAttribute)).ShouldBe(AttributeTargets.Parameter);
        UsageOf(typeof(OutputBindingAttribute)).ShouldBe(AttributeTargets.Method | AttributeTargets.Property);
        typeof(InputBindingAttribute).BaseType.ShouldBe(typeof(BindingAttribute));
        typeof(OutputBindingAttribute).BaseType.ShouldBe(typeof(BindingAttribute));
        typeof(TriggerBindingAttribute).BaseType.ShouldBe(typeof(BindingAttribute));
    }

    [Fact]
    public void SampleFunctions_DeclaredAsOurFunctionsWill_CarryTheirAttributes()
    {
        var http = typeof(SampleFunctions).GetMethod(nameof(SampleFunctions.Http))!;
        http.GetCustomAttribute<FunctionAttribute>()!.Name.ShouldBe("Http");
        var httpTrigger = http.GetParameters()[0].GetCustomAttribute<HttpTriggerAttribute>()!;
        httpTrigger.AuthLevel.ShouldBe(AuthorizationLevel.Anonymous);
        httpTrigger.Route.ShouldBe("items/{sku}");

        var bus = typeof(SampleFunctions).GetMethod(nameof(SampleFunctions.Bus))!;
        var busTrigger = bus.GetParameters()[0].GetCustomAttribute<ServiceBusTriggerAttribute>()!;
        busTrigger.IsSessionsEnabled.ShouldBeTrue();
        busTrigger.IsBatched.ShouldBeTrue();
        busTrigger.Connection.ShouldBe("ServiceBusConnection");

        var changes = typeof(SampleFunctions).GetMethod(nameof(SampleFunctions.Changes))!;
        changes.GetCustomAttribute<RetryAttribute>().ShouldBeOfType<ExponentialBackoffRetryAttribute>();
        changes.GetParameters()[0].GetCustomAttribute<CosmosDBTriggerAttribute>()!.LeaseContainerName.ShouldBe("leases");

        var timer = typeof(SampleFunctions).GetMethod(nameof(SampleFunctions.Timer))!;
        timer.GetCustomAttribute<RetryAttribute>().ShouldBeOfType<FixedDelayRetryAttribute>();
        timer.GetParameters()[0].GetCustomAttribute<TimerTriggerAttribute>()!.RunOnStartup.ShouldBeTrue();
    }

    private static AttributeTargets UsageOf(Type attribute) =>
        attribute.GetCustomAttribute<AttributeUsageAttribute>(inherit: true)!.ValidOn;
}
