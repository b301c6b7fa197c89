using ServerlessInventory.Core.Availability;

namespace ServerlessInventory.Adapters.Channels.Tests.Support;

/// <summary>A fresh receiver per test, and catalogs pointing at it.</summary>
public abstract class ReceiverTest : IAsyncLifetime
{
    public const string Secret = "s3cret-of-the-channel";

    private ChannelReceiver? _receiver;

    protected ChannelReceiver Receiver => _receiver ?? throw new InvalidOperationException("The receiver is not started.");

    protected static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _receiver = await ChannelReceiver.StartAsync(Cancellation);

    public async ValueTask DisposeAsync()
    {
        if (_receiver is not null)
        {
            await _receiver.DisposeAsync();
        }
        GC.SuppressFinalize(this);
    }

    /// <summary>Each named channel pushed to this receiver's <c>/push/{channel}</c>, signed with <see cref="Secret"/>.</summary>
    protected CatalogOptions Catalog(params string[] channels)
    {
        var catalog = new CatalogOptions();
        foreach (var channel in channels)
        {
            catalog.Channels[channel] = new ChannelOptions { PushUrl = Receiver.UrlFor(channel), Secret = Secret };
        }
        return catalog;
    }

    /// <summary>A harness over <see cref="Catalog"/> with the fast settings.</summary>
    protected PushHarness Harness(params string[] channels) => new(Catalog(channels));

    /// <summary>A harness over <see cref="Catalog"/> with the fast settings, some replaced by <paramref name="overrides"/>.</summary>
    protected PushHarness Harness(IReadOnlyDictionary<string, string?> overrides, params string[] channels) => new(Catalog(channels), overrides);
}
