using System.Diagnostics;
using System.Net;
using ServerlessInventory.Adapters.ServiceBus.Tests.Support;
using ServerlessInventory.Testing;

namespace ServerlessInventory.Adapters.ServiceBus.Tests;

/// <summary>Which failures are retried, how long the publisher waits, and which are final.</summary>
public sealed class PublisherResilienceTests
{
    [Fact]
    public async Task Publish_ServiceUnavailableThenCreated_RetriedAndSucceeds()
    {
        await using var receiver = await ServiceBusReceiver.StartAsync(TestContext.Current.CancellationToken);
        receiver.Script(n => n == 1 ? new Reply(503) : Reply.Created);
        using var harness = new PublisherHarness(receiver.BaseAddress);
        var evt = EventFactory.Received(EventFactory.NewSku(), "dc-1", 1);

        await harness.Publisher.PublishAsync([evt], TestContext.Current.CancellationToken);

        receiver.Received.Count.ShouldBe(2);
        receiver.Received.ShouldAllBe(b => b.Messages.Count == 1 && b.Messages[0].MessageId == evt.Key.Value);
    }

    [Fact]
    public async Task Publish_TooManyRequestsWithRetryAfterOneSecond_WaitsAboutASecondThenSucceeds()
    {
        await using var receiver = await ServiceBusReceiver.StartAsync(TestContext.Current.CancellationToken);
        receiver.Script(n => n == 1 ? new Reply(429, RetryAfter: "1") : Reply.Created);
        using var harness = new PublisherHarness(receiver.BaseAddress);
        var clock = Stopwatch.StartNew();

        await harness.Publisher.PublishAsync([EventFactory.Received(EventFactory.NewSku(), "dc-1", 1)], TestContext.Current.CancellationToken);

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        var attempts = receiver.Received;
        attempts.Count.ShouldBe(2);
        (attempts[1].At - attempts[0].At).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(950));
    }

    [Fact]
    public async Task Publish_RetryAfterLongerThanMaxRetryAfter_CutToTheCap()
    {
        await using var receiver = await ServiceBusReceiver.StartAsync(TestContext.Current.CancellationToken);
        receiver.Script(n => n == 1 ? new Reply(503, RetryAfter: "120") : Reply.Created);
        using var harness = new PublisherHarness(receiver.BaseAddress, new() { ["ServiceBus:MaxRetryAfter"] = "00:00:00.100" });
        var clock = Stopwatch.StartNew();

        await harness.Publisher.PublishAsync([EventFactory.Received(EventFactory.NewSku(), "dc-1", 1)], TestContext.Current.CancellationToken);

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        receiver.Received.Count.ShouldBe(2);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(410)]
    public async Task Publish_FinalStatus_NotRetriedAndThrowsWithTheStatus(int status)
    {
        await using var receiver = await ServiceBusReceiver.StartAsync(TestContext.Current.CancellationToken);
        receiver.Script(_ => new Reply(status, Body: "refused by test"));
        using var harness = new PublisherHarness(receiver.BaseAddress);

        var failure = await Should.ThrowAsync<ServiceBusPublishException>(
            () => harness.Publisher.PublishAsync([EventFactory.Received(EventFactory.NewSku(), "dc-1", 1)], TestContext.Current.CancellationToken));

        failure.StatusCode.ShouldBe((HttpStatusCode)status);
        failure.Message.ShouldContain(status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        failure.Message.ShouldContain("refused by test");
        failure.Message.ShouldNotContain(PublisherHarness.Key);
        receiver.Received.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Publish_AlwaysUnavailable_GivesUpAfterTheRetriesWithTheStatus()
    {
        await using var receiver = await ServiceBusReceiver.StartAsync(TestContext.Current.CancellationToken);
        receiver.Script(_ => new Reply(500));
        using var harness = new PublisherHarness(receiver.BaseAddress, new() { ["ServiceBus:MaxRetryAttempts"] = "2" });

        var failure = await Should.ThrowAsync<ServiceBusPublishException>(
            () => harness.Publisher.PublishAsync([EventFactory.Received(EventFactory.NewSku(), "dc-1", 1)], TestContext.Current.CancellationToken));

        failure.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        receiver.Received.Count.ShouldBe(3);
    }

    [Fact]
    public async Task Publish_BrokerUnreachable_RetriedThenThrows()
    {
        Uri endpoint;
        await using (var stopped = await ServiceBusReceiver.StartAsync(TestContext.Current.CancellationToken))
        {
            endpoint = stopped.BaseAddress;
        }
        using var harness = new PublisherHarness(endpoint, new() { ["ServiceBus:MaxRetryAttempts"] = "1" });

        await Should.ThrowAsync<HttpRequestException>(
            () => harness.Publisher.PublishAsync([EventFactory.Received(EventFactory.NewSku(), "dc-1", 1)], TestContext.Current.CancellationToken));
    }
}
