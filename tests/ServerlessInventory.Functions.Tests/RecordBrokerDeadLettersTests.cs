using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Time.Testing;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;
using ServerlessInventory.Functions.Messaging;
using ServerlessInventory.Testing;

namespace ServerlessInventory.Functions.Tests;

/// <summary>
/// The function on the <c>apply</c> subscription's dead-letter subqueue, given messages as the broker dead-lettered
/// them (reason and description in their application properties, as Service Bus carries them).
/// </summary>
public sealed class RecordBrokerDeadLettersTests
{
    private readonly InMemoryDeadLetterStore _deadLetters = new();
    private readonly FakeTimeProvider _time = new(EventFactory.Epoch.AddDays(2));
    private readonly RecordingMessageActions _actions = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Run_MessageTheBrokerDeadLettered_RecordsTheBrokerReasonAndCompletesIt()
    {
        var message = DeadLettered("m-1", "SKU-1", "MaxDeliveryCountExceeded", "Message could not be consumed after 10 delivery attempts.", deliveryCount: 10);

        await Run(message);

        var letter = (await _deadLetters.GetAsync("m-1", Cancellation)).ShouldNotBeNull();
        letter.ShouldBe(new DeadLetter(
            "m-1", new Sku("SKU-1"), message.Body.ToString(), "MaxDeliveryCountExceeded",
            "Message could not be consumed after 10 delivery attempts.", 10, _time.GetUtcNow()));
        _actions.Completed.ShouldBe(["m-1"]);
        _actions.DeadLettered.ShouldBeEmpty();
        _actions.Abandoned.ShouldBeEmpty();
    }

    [Fact]
    public async Task Run_BrokerDeadLetterWithoutReasonOrSession_IsRecordedAsBrokerDeadLettered()
    {
        await Run(DeadLettered("m-2", sessionId: null, reason: null, description: null));

        var letter = (await _deadLetters.GetAsync("m-2", Cancellation)).ShouldNotBeNull();
        letter.Reason.ShouldBe(DeadLetterReasons.BrokerDeadLettered);
        letter.Sku.ShouldBeNull();
        _actions.Completed.ShouldBe(["m-2"]);
    }

    [Theory]
    [InlineData(DeadLetterReasons.InvalidEvent)]
    [InlineData(DeadLetterReasons.ApplyFailed)]
    [InlineData(DeadLetterReasons.Rejected)]
    public async Task Run_MessageApplyAlreadyDeadLettered_IsOnlyCompleted(string reason)
    {
        // ApplyInventoryEvents recorded it (with its own body and time) before it left the topic; recording it again
        // would overwrite that record with the broker's copy.
        var recordedByApply = new DeadLetter("m-3", new Sku("SKU-3"), "{}", reason, "recorded by apply", 1, EventFactory.Epoch);
        await _deadLetters.AddAsync(recordedByApply, Cancellation);

        await Run(DeadLettered("m-3", "SKU-3", reason, "recorded by apply"));

        (await _deadLetters.GetAsync("m-3", Cancellation)).ShouldBe(recordedByApply);
        _actions.Completed.ShouldBe(["m-3"]);
    }

    [Fact]
    public async Task Run_BatchMixingBothKinds_CompletesEveryMessageAndRecordsOnlyTheBrokers()
    {
        await Run(
            DeadLettered("a-1", "SKU-A", DeadLetterReasons.Rejected, "never applies"),
            DeadLettered("b-1", "SKU-B", "TTLExpiredException", "expired"));

        _actions.Completed.ShouldBe(["a-1", "b-1"]);
        (await _deadLetters.GetAsync("a-1", Cancellation)).ShouldBeNull();
        (await _deadLetters.GetAsync("b-1", Cancellation)).ShouldNotBeNull().Reason.ShouldBe("TTLExpiredException");
    }

    private Task Run(params ServiceBusReceivedMessage[] messages) =>
        new RecordBrokerDeadLetters(_deadLetters, _time).Run(messages, _actions, Cancellation);

    private static ServiceBusReceivedMessage DeadLettered(string messageId, string? sessionId, string? reason, string? description, int deliveryCount = 1)
    {
        // Service Bus keeps a dead letter's reason and description as these two application properties.
        var properties = new Dictionary<string, object>(StringComparer.Ordinal);
        if (reason is not null)
        {
            properties["DeadLetterReason"] = reason;
        }
        if (description is not null)
        {
            properties["DeadLetterErrorDescription"] = description;
        }
        return ServiceBusModelFactory.ServiceBusReceivedMessage(
            body: BinaryData.FromString($$"""{"id":"{{messageId}}"}"""), messageId: messageId, sessionId: sessionId,
            properties: properties, deliveryCount: deliveryCount);
    }
}
