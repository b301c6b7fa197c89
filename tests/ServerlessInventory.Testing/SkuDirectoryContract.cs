using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;
using Shouldly;
using Xunit;
using static ServerlessInventory.Testing.EventFactory;

namespace ServerlessInventory.Testing;

/// <summary>
/// What every <see cref="ISkuDirectory"/> must do, on the store it lists. Each test commits SKUs under a prefix of its
/// own and lists from that prefix, so a store may be shared between tests.
/// </summary>
public abstract class SkuDirectoryContract : IAsyncLifetime
{
    private (IInventoryStore Store, ISkuDirectory Directory, Func<ValueTask> Dispose)? _target;

    private IInventoryStore Store => _target?.Store ?? throw new InvalidOperationException("store not created");

    private ISkuDirectory Directory => _target?.Directory ?? throw new InvalidOperationException("store not created");

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>Creates the store and its directory; called before each test.</summary>
    protected abstract ValueTask<(IInventoryStore Store, ISkuDirectory Directory, Func<ValueTask> Dispose)> CreateAsync();

    public async ValueTask InitializeAsync() => _target = await CreateAsync();

    public async ValueTask DisposeAsync()
    {
        if (_target is { } target)
        {
            await target.Dispose();
        }
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task ListSkus_PagedAfterABound_EveryCommittedSkuOnceInOrdinalOrder()
    {
        var prefix = NewSku("dir").Value;
        string[] names = [$"{prefix}-b", $"{prefix}-a", $"{prefix}-C", $"{prefix}-c"];
        foreach (var name in names)
        {
            await CommitOneAsync(new Sku(name));
        }

        var listed = new List<string>();
        Sku? after = new Sku(prefix);
        while (true)
        {
            var page = await Directory.ListSkusAsync(after, 2, Cancellation);
            page.Count.ShouldBeLessThanOrEqualTo(2);
            var ours = page.Where(s => s.Value.StartsWith(prefix, StringComparison.Ordinal)).ToList();
            listed.AddRange(ours.Select(s => s.Value));
            if (page.Count < 2 || ours.Count < page.Count)
            {
                break;
            }
            after = page[^1];
        }

        listed.ShouldBe(names.Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public async Task ListSkus_SkuNeverCommitted_IsNotListed()
    {
        var prefix = NewSku("dir").Value;
        await CommitOneAsync(new Sku($"{prefix}-kept"));
        await Store.LoadAsync(new Sku($"{prefix}-only-read"), SnapshotRequest.None, Cancellation);

        var page = await Directory.ListSkusAsync(new Sku(prefix), 10, Cancellation);

        page.Where(s => s.Value.StartsWith(prefix, StringComparison.Ordinal)).Select(s => s.Value).ShouldBe([$"{prefix}-kept"]);
    }

    private async Task CommitOneAsync(Sku sku)
    {
        var received = Received(sku, "dc-1", 1);
        var entry = new LedgerEntry(received, 1, Epoch, received.Changes, 0, []);
        var result = await Store.CommitAsync(new SkuCommit(sku, 0, null, [entry], [new PositionState(new LocationId("dc-1"), 1, 0, 0, 0)], []), Cancellation);
        result.ShouldBeOfType<CommitResult.Committed>();
    }
}
