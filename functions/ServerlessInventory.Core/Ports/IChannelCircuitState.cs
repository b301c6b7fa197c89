using ServerlessInventory.Core.Domain;

namespace ServerlessInventory.Core.Ports;

/// <summary>The state of a channel's push circuit breaker, as the health report shows it.</summary>
public enum ChannelCircuit
{
    /// <summary>No push sink here keeps a circuit for the channel (or it was never pushed over HTTP).</summary>
    Unknown,

    /// <summary>Pushes go through.</summary>
    Closed,

    /// <summary>The channel failed too often: pushes are refused until the break ends.</summary>
    Open,

    /// <summary>The break ended: one trial push decides whether the circuit closes again.</summary>
    HalfOpen,
}

/// <summary>What the push sink knows of each channel's circuit; a sink without circuits answers <see cref="ChannelCircuit.Unknown"/>.</summary>
public interface IChannelCircuitState
{
    ChannelCircuit StateOf(ChannelId channel);
}

/// <summary>The default where no push sink keeps circuits (a log sink, a test).</summary>
public sealed class NoChannelCircuits : IChannelCircuitState
{
    public ChannelCircuit StateOf(ChannelId channel) => ChannelCircuit.Unknown;
}
