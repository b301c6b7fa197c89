using Azure.Messaging.ServiceBus;

namespace ServerlessInventory.FunctionsWorker.StandIn.Tests;

public class ServiceBusModelFactoryTests
{
    [Fact]
    public void ReceivedMessage_NoArguments_HasTheRealDefaults()
    {
        var message = ServiceBusModelFactory.ServiceBusReceivedMessage();

        message.SequenceNumber.ShouldBe(-1);
        message.LockToken.ShouldBe("00000000-0000-0000-0000-000000000000");
        message.Body.ShouldNotBeNull();
        message.Body.ToMemory().Length.ShouldBe(0);
        message.MessageId.ShouldBeNull();
        message.SessionId.ShouldBeNull();
        message.ContentType.ShouldBeNull();
        message.DeliveryCount.ShouldBe(0);
        message.State.ShouldBe(ServiceBusMessageState.Active);
        message.ApplicationProperties.ShouldBeEmpty();
        message.DeadLetterReason.ShouldBeNull();
        message.DeadLetterErrorDescription.ShouldBeNull();
        message.TimeToLive.ShouldBe(TimeSpan.MaxValue);
        message.ExpiresAt.ShouldBe(DateTimeOffset.MaxValue);
        message.EnqueuedTime.ShouldBe(default);
        message.ToString().ShouldBe("{MessageId:}");
    }

    [Fact]
    public void ReceivedMessage_LockTokenGuid_IsTheLockTokenString()
    {
        var token = Guid.NewGuid();

        ServiceBusModelFactory.ServiceBusReceivedMessage(lockTokenGuid: token).LockToken.ShouldBe(token.ToString());
    }

    [Fact]
    public void ReceivedMessage_DeadLetterProperties_AreReadFromApplicationProperties()
    {
        var message = ServiceBusModelFactory.ServiceBusReceivedMessage(properties: new Dictionary<string, object>
        {
            ["DeadLetterReason"] = "MaxDeliveryCountExceeded",
            ["DeadLetterErrorDescription"] = "delivered 10 times",
            ["tenant"] = "eu",
        });

        message.DeadLetterReason.ShouldBe("MaxDeliveryCountExceeded");
        message.DeadLetterErrorDescription.ShouldBe("delivered 10 times");
        message.ApplicationProperties["tenant"].ShouldBe("eu");
    }

    [Fact]
    public void ReceivedMessage_NonStringDeadLetterReason_ReadsAsNull() =>
        ServiceBusModelFactory.ServiceBusReceivedMessage(
                properties: new Dictionary<string, object> { ["DeadLetterReason"] = 42 })
            .DeadLetterReason.ShouldBeNull();

    [Fact]
    public void ReceivedMessage_Properties_AreCopiedNotShared()
    {
        var properties = new Dictionary<string, object> { ["a"] = 1 };
        var message = ServiceBusModelFactory.ServiceBusReceivedMessage(properties: properties);

        properties["b"] = 2;

        message.ApplicationProperties.Count.ShouldBe(1);
        // As real (a ReadOnlyDictionary): a cast back to IDictionary cannot change it.
        Should.Throw<NotSupportedException>(() => ((IDictionary<string, object>)message.ApplicationProperties).Add("c", 3));
    }

    [Fact]
    public void ReceivedMessage_Body_RoundTrips()
    {
        const string json = """{"sku":"A-1","delta":-2}""";

        var message = ServiceBusModelFactory.ServiceBusReceivedMessage(body: BinaryData.FromString(json));

        message.Body.ToString().ShouldBe(json);
        message.Body.ToArray().ShouldBe(System.Text.Encoding.UTF8.GetBytes(json));
    }

    [Fact]
    public void ReceivedMessage_AllArguments_AreExposed()
    {
        var enqueued = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.FromHours(2));
        var locked = enqueued.AddMinutes(1);
        var scheduled = enqueued.AddSeconds(-5);

        var message = ServiceBusModelFactory.ServiceBusReceivedMessage(
            messageId: "m-1",
            partitionKey: "p",
            viaPartitionKey: "via",
            sessionId: "A-1",
            replyToSessionId: "r-s",
            timeToLive: TimeSpan.FromHours(1),
            correlationId: "c-1",
            subject: "inventory.sale",
            to: "to",
            contentType: "application/cloudevents+json",
            replyTo: "reply",
            scheduledEnqueueTime: scheduled,
            deliveryCount: 3,
            lockedUntil: locked,
            sequenceNumber: 42,
            deadLetterSource: "orders",
            enqueuedSequenceNumber: 41,
            enqueuedTime: enqueued,
            serviceBusMessageState: ServiceBusMessageState.Deferred);

        message.MessageId.ShouldBe("m-1");
        message.PartitionKey.ShouldBe("p");
        message.TransactionPartitionKey.ShouldBe("via");
        message.SessionId.ShouldBe("A-1");
        message.ReplyToSessionId.ShouldBe("r-s");
        message.TimeToLive.ShouldBe(TimeSpan.FromHours(1));
        message.CorrelationId.ShouldBe("c-1");
        message.Subject.ShouldBe("inventory.sale");
        message.To.ShouldBe("to");
        message.ContentType.ShouldBe("application/cloudevents+json");
        message.ReplyTo.ShouldBe("reply");
        message.DeliveryCount.ShouldBe(3);
        message.SequenceNumber.ShouldBe(42);
        message.DeadLetterSource.ShouldBe("orders");
        message.EnqueuedSequenceNumber.ShouldBe(41);
        message.State.ShouldBe(ServiceBusMessageState.Deferred);
        message.ToString().ShouldBe("{MessageId:m-1}");

        // The real message stores these as UTC DateTimes: the instant is kept, the offset becomes zero.
        message.EnqueuedTime.ShouldBe(enqueued);
        message.EnqueuedTime.Offset.ShouldBe(TimeSpan.Zero);
        message.LockedUntil.ShouldBe(locked);
        message.LockedUntil.Offset.ShouldBe(TimeSpan.Zero);
        message.ScheduledEnqueueTime.ShouldBe(scheduled);
        message.ScheduledEnqueueTime.Offset.ShouldBe(TimeSpan.Zero);
        message.ExpiresAt.ShouldBe(enqueued.AddHours(1));
    }

    [Fact]
    public void MessageState_Values_AreTheRealOnes()
    {
        ((int)ServiceBusMessageState.Active).ShouldBe(0);
        ((int)ServiceBusMessageState.Deferred).ShouldBe(1);
        ((int)ServiceBusMessageState.Scheduled).ShouldBe(2);
    }
}
