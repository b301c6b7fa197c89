using Azure.Messaging.ServiceBus;

namespace ServerlessInventory.Adapters.ServiceBus.Tests.Support;

/// <summary>
/// A <see cref="ServiceBusSender"/> without a broker: batches from <see cref="ServiceBusModelFactory"/> that hold at most
/// <see cref="MaxBatchBytes"/> of message bodies, and every sent batch kept in order. <see cref="FailSends"/> makes a
/// send throw as the SDK does once its retries are spent.
/// </summary>
public sealed class RecordingSender(long maxBatchBytes) : ServiceBusSender
{
    public long MaxBatchBytes { get; } = maxBatchBytes;

    public List<IReadOnlyList<ServiceBusMessage>> Sent { get; } = [];

    public int BatchesCreated { get; private set; }

    public ServiceBusException? FailSends { get; set; }

    public override string EntityPath => "inventory-events";

    public override ValueTask<ServiceBusMessageBatch> CreateMessageBatchAsync(CancellationToken cancellationToken = default) =>
        CreateMessageBatchAsync(new CreateMessageBatchOptions { MaxSizeInBytes = MaxBatchBytes }, cancellationToken);

    public override ValueTask<ServiceBusMessageBatch> CreateMessageBatchAsync(CreateMessageBatchOptions options, CancellationToken cancellationToken = default)
    {
        BatchesCreated++;
        var store = new List<ServiceBusMessage>();
        var batch = ServiceBusModelFactory.ServiceBusMessageBatch(
            0,
            store,
            options,
            message => store.Sum(m => m.Body.ToMemory().Length) + message.Body.ToMemory().Length <= MaxBatchBytes);
        _stores.Add(batch, store);
        return ValueTask.FromResult(batch);
    }

    public override Task SendMessagesAsync(ServiceBusMessageBatch messageBatch, CancellationToken cancellationToken = default)
    {
        if (FailSends is { } failure)
        {
            return Task.FromException(failure);
        }
        Sent.Add([.. _stores[messageBatch]]);
        return Task.CompletedTask;
    }

    private readonly Dictionary<ServiceBusMessageBatch, List<ServiceBusMessage>> _stores = new(ReferenceEqualityComparer.Instance);
}
