using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Testing;

/// <summary>A store and its change feed as a contract test receives them, with whatever tears them down.</summary>
public sealed class StoreUnderTest(IInventoryStore store, IChangeFeed feed, Func<ValueTask>? dispose = null) : IAsyncDisposable
{
    public IInventoryStore Store { get; } = store;

    public IChangeFeed Feed { get; } = feed;

    public ValueTask DisposeAsync() => dispose?.Invoke() ?? ValueTask.CompletedTask;
}
