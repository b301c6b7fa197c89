using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using ServerlessInventory.Core.Application;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;
using ServerlessInventory.Functions.Http;
using ServerlessInventory.Testing;

namespace ServerlessInventory.Functions.Tests;

/// <summary>
/// A SKU that other instances keep changing under every attempt: the checkout is told to retry (503 with
/// Retry-After), never answered 500.
/// </summary>
public sealed class ContendedReservationTests : IDisposable
{
    // The harness's settings: pos sells store-1; no backoff between attempts, so losing all of them is quick.
    private readonly CoreHarness _core = new(new AlwaysLosingStore());

    public void Dispose() => _core.Dispose();

    [Fact]
    public async Task Run_EveryCommitLosesToAnotherWriter_Answers503ProblemJsonWithRetryAfter()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"sku":"TSHIRT-M","quantity":1,"channel":"pos"}""");
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Post;
        context.Request.ContentType = "application/json";
        context.Request.Body = new MemoryStream(bytes);

        var result = (await new CreateReservation(_core.Get<ReserveHandler>()).Run(context.Request, TestContext.Current.CancellationToken)).ShouldBeAssignableTo<ObjectResult>()!;

        result.StatusCode.ShouldBe(StatusCodes.Status503ServiceUnavailable);
        result.ContentTypes.ShouldBe(["application/problem+json"]);
        result.Value.ShouldBeOfType<ProblemDetails>().Detail.ShouldNotBeNull().ShouldContain("TSHIRT-M");
        var response = new DefaultHttpContext();
        result.OnFormatting(new ActionContext(response, new RouteData(), new ActionDescriptor()));
        response.Response.Headers.RetryAfter.ToString().ShouldBe("1");
    }

    /// <summary>A master whose SKU has stock but whose every commit finds another writer got there first.</summary>
    private sealed class AlwaysLosingStore : IInventoryStore
    {
        public Task<SkuSnapshot> LoadAsync(Sku sku, SnapshotRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(new SkuSnapshot(sku, 1, "etag", [new PositionState(new LocationId("store-1"), 10, 0, 0, 0)], [], new HashSet<EventKey>()));

        public Task<CommitResult> CommitAsync(SkuCommit commit, CancellationToken cancellationToken) =>
            Task.FromResult<CommitResult>(new CommitResult.VersionConflict());

        public Task<LedgerPage> ReadLedgerAsync(Sku sku, int pageSize, string? continuation, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<Sku?> FindReservationSkuAsync(ReservationId reservationId, CancellationToken cancellationToken) =>
            Task.FromResult<Sku?>(null);

        public Task<IReadOnlyList<Reservation>> FindLapsedReservationsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<Reservation>>([]);
    }
}
