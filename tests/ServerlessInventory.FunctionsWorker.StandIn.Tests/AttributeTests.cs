using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace ServerlessInventory.FunctionsWorker.StandIn.Tests;

public class AttributeTests
{
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
}
