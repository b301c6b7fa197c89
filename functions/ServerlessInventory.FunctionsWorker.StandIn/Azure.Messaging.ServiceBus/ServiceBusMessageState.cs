// Stand-in for the real public type; public surface as in the real one.
// Real: Azure/azure-sdk-for-net sdk/servicebus/Azure.Messaging.ServiceBus/src/Primitives/ServiceBusMessageState.cs
// (package Azure.Messaging.ServiceBus; API listing sdk/servicebus/Azure.Messaging.ServiceBus/api/Azure.Messaging.ServiceBus.net10.0.cs).

namespace Azure.Messaging.ServiceBus;

/// <summary>The state of a received message.</summary>
public enum ServiceBusMessageState
{
    /// <summary>An active message.</summary>
    Active = 0,

    /// <summary>A deferred message.</summary>
    Deferred = 1,

    /// <summary>A scheduled message.</summary>
    Scheduled = 2,
}
