using System.Reflection;
using Azure.Messaging.ServiceBus;
using Microsoft.Azure.Functions.Worker;

namespace ServerlessInventory.FunctionsWorker.StandIn.Tests;

public class SettlementActionsTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(typeof(ServiceBusMessageActions))]
    [InlineData(typeof(ServiceBusSessionMessageActions))]
    public void Actions_PublicMembers_AreAllOverridable(Type actions)
    {
        var methods = actions.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly);

        methods.ShouldNotBeEmpty();
        methods.ShouldAllBe(m => m.IsVirtual && !m.IsFinal);
    }

    [Theory]
    [InlineData(typeof(ServiceBusMessageActions))]
    [InlineData(typeof(ServiceBusSessionMessageActions))]
    public void Actions_Constructors_AreOnlyProtectedParameterless(Type actions)
    {
        var constructors = actions.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance);

        constructors.Length.ShouldBe(1);
        constructors[0].IsFamily.ShouldBeTrue();
        constructors[0].GetParameters().ShouldBeEmpty();
    }

    [Fact]
    public async Task MessageActions_Overridden_SettleThroughTheDerivedType()
    {
        var actions = new RecordingActions();
        var message = ServiceBusModelFactory.ServiceBusReceivedMessage(messageId: "m-1");

        await actions.CompleteMessageAsync(message, Token);
        await actions.DeadLetterMessageAsync(message, deadLetterReason: "bad", deadLetterErrorDescription: "why", cancellationToken: Token);

        actions.Settled.ShouldBe(["complete m-1", "deadletter m-1 bad why"]);
    }

    [Fact]
    public async Task MessageActions_NotOverridden_FailsAsTaskNotSynchronously()
    {
        ServiceBusMessageActions actions = new RecordingActions();
        var message = ServiceBusModelFactory.ServiceBusReceivedMessage();

        var pending = actions.DeferMessageAsync(message, cancellationToken: Token);

        await Should.ThrowAsync<NotSupportedException>(pending);
    }

    [Fact]
    public async Task MessageActions_NullMessage_FailsWithArgumentNull()
    {
        ServiceBusMessageActions actions = new RecordingActions();

        var pending = actions.AbandonMessageAsync(null!, cancellationToken: Token);

        (await Should.ThrowAsync<ArgumentNullException>(pending)).ParamName.ShouldBe("message");
    }

    [Fact]
    public async Task SessionActions_Overridden_UpdateSessionLockedUntil()
    {
        var until = new DateTimeOffset(2026, 3, 1, 12, 5, 0, TimeSpan.Zero);
        var actions = new RecordingSessionActions(until);

        await actions.RenewSessionLockAsync(Token);

        actions.SessionLockedUntil.ShouldBe(until);
    }

    [Fact]
    public async Task SessionActions_NotOverridden_FailAsTasks()
    {
        ServiceBusSessionMessageActions actions = new RecordingSessionActions(default);

        await Should.ThrowAsync<NotSupportedException>(actions.GetSessionStateAsync(Token));
        await Should.ThrowAsync<NotSupportedException>(actions.SetSessionStateAsync(BinaryData.FromString("x"), Token));
        await Should.ThrowAsync<NotSupportedException>(actions.ReleaseSession(Token));
    }

    private sealed class RecordingActions : ServiceBusMessageActions
    {
        public List<string> Settled { get; } = [];

        public override Task CompleteMessageAsync(ServiceBusReceivedMessage message, CancellationToken cancellationToken = default)
        {
            Settled.Add($"complete {message.MessageId}");
            return Task.CompletedTask;
        }

        public override Task DeadLetterMessageAsync(
            ServiceBusReceivedMessage message,
            Dictionary<string, object>? propertiesToModify = null,
            string? deadLetterReason = null,
            string? deadLetterErrorDescription = null,
            CancellationToken cancellationToken = default)
        {
            Settled.Add($"deadletter {message.MessageId} {deadLetterReason} {deadLetterErrorDescription}");
            return Task.CompletedTask;
        }
    }

    private sealed class RecordingSessionActions(DateTimeOffset renewedUntil) : ServiceBusSessionMessageActions
    {
        public override Task RenewSessionLockAsync(CancellationToken cancellationToken = default)
        {
            SessionLockedUntil = renewedUntil;
            return Task.CompletedTask;
        }
    }
}
