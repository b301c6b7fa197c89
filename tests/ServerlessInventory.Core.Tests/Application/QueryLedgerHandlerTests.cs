using ServerlessInventory.Core.Application;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Tests.Support;
using static ServerlessInventory.Core.Tests.Support.TestData;

namespace ServerlessInventory.Core.Tests.Application;

public sealed class QueryLedgerHandlerTests : IDisposable
{
    private readonly CoreHarness _core = new();

    private QueryLedgerHandler Handler => _core.Get<QueryLedgerHandler>();

    public void Dispose() => _core.Dispose();

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(QueryLedgerHandler.MaxPageSize + 1)]
    public async Task HandleAsync_PageSizeOutOfRange_ThrowsNamingPageSize(int pageSize)
    {
        var error = await Should.ThrowAsync<DomainValidationException>(() => Handler.HandleAsync(Sku1, pageSize, null, CoreHarness.Ct));

        error.Field.ShouldBe("pageSize");
        _core.Store.LastPageSize.ShouldBeNull();
    }

    [Fact]
    public async Task HandleAsync_NoPageSize_UsesDefault()
    {
        await Handler.HandleAsync(Sku1, null, null, CoreHarness.Ct);

        _core.Store.LastPageSize.ShouldBe(QueryLedgerHandler.DefaultPageSize);
    }

    [Fact]
    public async Task HandleAsync_Pages_NewestFirstWithContinuation()
    {
        var first = Received(5);
        var second = Sale(1);
        var third = Sale(2);
        var apply = _core.Get<ApplyEventsHandler>();
        await apply.HandleAsync([first], CoreHarness.Ct);
        await apply.HandleAsync([second], CoreHarness.Ct);
        await apply.HandleAsync([third], CoreHarness.Ct);

        var page1 = await Handler.HandleAsync(Sku1, 2, null, CoreHarness.Ct);
        var page2 = await Handler.HandleAsync(Sku1, 2, page1.Continuation, CoreHarness.Ct);

        page1.Entries.Select(e => e.EventId).ShouldBe([third.Id, second.Id]);
        page1.Continuation.ShouldNotBeNull();
        page2.Entries.ShouldHaveSingleItem().EventId.ShouldBe(first.Id);
        page2.Continuation.ShouldBeNull();
    }
}
