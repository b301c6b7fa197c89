// Stand-in for the real public type; public surface as used by our functions, body our own.
// Real: Azure/azure-functions-dotnet-worker extensions/Worker.Extensions.ServiceBus/src/ServiceBusTriggerAttribute.cs
// (package Microsoft.Azure.Functions.Worker.Extensions.ServiceBus; namespace Microsoft.Azure.Functions.Worker).
// As real: the queue constructor leaves TopicName/SubscriptionName null; the topic constructor leaves QueueName null;
// IsBatched carries [DefaultValue(false)] and ISupportCardinality maps it to Cardinality, which is what the Sdk's
// metadata generator reads to write "cardinality": "Many".
// Omitted: [InputConverter(typeof(ServiceBusReceivedMessageConverter))] and [ConverterFallbackBehavior]: the converter
// is internal to the real extension and binds the host's message over gRPC, which only the real extension can do.
// Deliberately absent too: the assembly's [ExtensionInformation] naming the host-side WebJobs extension; with it the
// Sdk's inner extensions build would ask the mirror for a package it does not serve (see README.md).

using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace Microsoft.Azure.Functions.Worker;

/// <summary>Marks the parameter that receives the message(s) of a Service Bus triggered function.</summary>
public sealed class ServiceBusTriggerAttribute : TriggerBindingAttribute, ISupportCardinality
{
    /// <summary>Triggers on a queue.</summary>
    /// <param name="queueName">The queue's name (may be a %Setting% expression).</param>
    public ServiceBusTriggerAttribute(string queueName)
    {
        QueueName = queueName;
    }

    /// <summary>Triggers on a topic subscription.</summary>
    /// <param name="topicName">The topic's name (may be a %Setting% expression).</param>
    /// <param name="subscriptionName">The subscription's name (may be a %Setting% expression).</param>
    public ServiceBusTriggerAttribute(string topicName, string subscriptionName)
    {
        TopicName = topicName;
        SubscriptionName = subscriptionName;
    }

    /// <summary>The app setting (or prefix) holding the Service Bus connection.</summary>
    public string? Connection { get; set; }

    /// <summary>The queue; null when bound to a topic subscription.</summary>
    public string? QueueName { get; }

    /// <summary>The topic; null when bound to a queue.</summary>
    public string? TopicName { get; }

    /// <summary>The subscription of <see cref="TopicName"/>; null when bound to a queue.</summary>
    public string? SubscriptionName { get; }

    /// <summary>Whether the entity is session-enabled.</summary>
    public bool IsSessionsEnabled { get; set; }

    /// <summary>Whether messages are delivered as a batch (an array); false by default.</summary>
    [DefaultValue(false)]
    public bool IsBatched { get; set; }

    /// <summary>Whether the host completes messages after a successful invocation; host.json decides when not set.</summary>
    public bool AutoCompleteMessages { get; set; }

    Cardinality ISupportCardinality.Cardinality
    {
        get => IsBatched ? Cardinality.Many : Cardinality.One;
        set => IsBatched = value == Cardinality.Many;
    }
}
