namespace ServerlessInventory.Testing;

/// <summary>An implementation of one port as a contract test receives it, with whatever tears it down.</summary>
public sealed class PortUnderTest<TPort>(TPort port, Func<ValueTask>? dispose = null) : IAsyncDisposable
    where TPort : class
{
    public TPort Port { get; } = port;

    public ValueTask DisposeAsync() => dispose?.Invoke() ?? ValueTask.CompletedTask;
}

/// <summary>The base of the port contract suites: creates the port before each test and tears it down after.</summary>
public abstract class PortContract<TPort> : Xunit.IAsyncLifetime
    where TPort : class
{
    private PortUnderTest<TPort>? _target;

    protected TPort Port => _target?.Port ?? throw new InvalidOperationException("port not created");

    protected static CancellationToken Cancellation => Xunit.TestContext.Current.CancellationToken;

    /// <summary>A moment <paramref name="seconds"/> after the epoch: whole seconds, which every store keeps exactly.</summary>
    protected static DateTimeOffset At(int seconds) => EventFactory.Epoch.AddSeconds(seconds);

    /// <summary>Creates the implementation under test; called before each test.</summary>
    protected abstract ValueTask<PortUnderTest<TPort>> CreatePortAsync();

    public async ValueTask InitializeAsync() => _target = await CreatePortAsync();

    public async ValueTask DisposeAsync()
    {
        if (_target is not null)
        {
            await _target.DisposeAsync();
        }
        GC.SuppressFinalize(this);
    }

    /// <summary>A fresh id with a readable prefix, unique to the test.</summary>
    protected static string NewKey(string prefix) => $"{prefix}-{Guid.NewGuid():N}";
}
