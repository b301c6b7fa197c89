using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Testing;

/// <summary>
/// A store, its change feed and the reported-level store over the same data (the levels its commits keep) as a
/// contract test receives them, with whatever tears them down.
/// </summary>
public sealed class StoreUnderTest(IInventoryStore store, IChangeFeed feed, IReportedLevelStore levels, Func<ValueTask>? dispose = null) : IAsyncDisposable
{
    public IInventoryStore Store { get; } = store;

    public IChangeFeed Feed { get; } = feed;

    public IReportedLevelStore Levels { get; } = levels;

    public ValueTask DisposeAsync() => dispose?.Invoke() ?? ValueTask.CompletedTask;
}
