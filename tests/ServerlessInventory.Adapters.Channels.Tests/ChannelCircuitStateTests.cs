using ServerlessInventory.Adapters.Channels.Tests.Support;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Adapters.Channels.Tests;

/// <summary>Each channel's circuit as the health report reads it from the push sink (the harness opens a circuit after 2 failed pushes).</summary>
public sealed class ChannelCircuitStateTests : ReceiverTest
{
    [Fact]
    public void StateOf_ChannelNeverPushed_IsUnknown()
    {
        using var harness = Harness("web");

        harness.Circuits.StateOf(new ChannelId("web")).ShouldBe(ChannelCircuit.Unknown);
    }

    [Fact]
    public async Task StateOf_ChannelAnswering_IsClosed()
    {
        using var harness = Harness("web");

        await harness.PushAsync("web");

        harness.Circuits.StateOf(new ChannelId("web")).ShouldBe(ChannelCircuit.Closed);
    }

    [Fact]
    public async Task StateOf_ChannelKeepsFailing_IsOpenWhileTheOtherStaysClosed()
    {
        using var harness = Harness("web", "pos");
        Receiver.AlwaysFail("web");
        await harness.PushAsync("pos");

        await Should.ThrowAsync<ChannelUnavailableException>(() => harness.PushAsync("web", version: 1));
        await Should.ThrowAsync<ChannelUnavailableException>(() => harness.PushAsync("web", version: 2));

        harness.Circuits.StateOf(new ChannelId("web")).ShouldBe(ChannelCircuit.Open);
        harness.Circuits.StateOf(new ChannelId("pos")).ShouldBe(ChannelCircuit.Closed);
    }

    [Fact]
    public void Circuits_AreTheHttpSinkTheDispatcherSendsThrough()
    {
        using var harness = Harness("web");

        // Core pushes through the dispatcher; a channel pushed over HTTP trips the circuits of the one HTTP sink.
        harness.Sink.ShouldBeOfType<ChannelPushDispatcher>();
        harness.Circuits.ShouldBeSameAs(harness.Get<ChannelPushSink>());
    }
}
