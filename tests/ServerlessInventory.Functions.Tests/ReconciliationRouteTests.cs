using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using ServerlessInventory.Adapters.Sqlite;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;
using ServerlessInventory.Core.Reconciliation;
using ServerlessInventory.Functions.Ops.Reconciliation;
using ServerlessInventory.Testing;
using static ServerlessInventory.Testing.EventFactory;

namespace ServerlessInventory.Functions.Tests;

/// <summary>
/// The answers of the reconciliation ops routes: 400 problem+json naming the field for bad input, 404 for an unknown
/// run, channel or review item, 409 for an item already resolved; none of them changes anything.
/// </summary>
public sealed class ReconciliationRouteTests : IDisposable
{
    private const string RunId = "web-run-1";
    private static readonly Sku _reviewed = new("REVIEW-1");
    private static readonly Sku _repushed = new("REPUSHED-1");

    private readonly string _folder = Directory.CreateTempSubdirectory("si-recon-routes-").FullName;
    private readonly SqliteDatabase _database;
    private readonly CoreHarness _core;

    public ReconciliationRouteTests()
    {
        _database = new SqliteDatabase(new SqliteOptions { DatabasePath = Path.Combine(_folder, "routes.db") });
        _core = new CoreHarness(new SqliteInventoryStore(_database), configure: services => services.AddSingleton<ISkuDirectory>(new SqliteSkuDirectory(_database)));
    }

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private IReconciliationReportStore Reports => _core.Get<IReconciliationReportStore>();

    public void Dispose()
    {
        _core.Dispose();
        _database.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Theory]
    [InlineData("""{"resolution":"accept_both"}""", "resolution")]
    [InlineData("""{}""", "resolution")]
    [InlineData("""{"resolution":1}""", "resolution")]
    [InlineData("""{"resolution":"accept_master","resolvedBy":""}""", "resolvedBy")]
    [InlineData("""{"resolution":"accept_master","resolution":"accept_channel"}""", "resolution")]
    public async Task Resolve_BadBody_400NamingTheFieldAndItemStaysOpen(string json, string field)
    {
        await SaveRunAsync();

        var result = await Resolve(RunId, _reviewed.Value, json);

        FieldOf(result, StatusCodes.Status400BadRequest).ShouldBe(field);
        (await ItemAsync(_reviewed)).Review.ShouldBeNull();
    }

    [Theory]
    [InlineData("no-such-run", "REVIEW-1")]
    [InlineData(RunId, "NOT-IN-RUN")]
    [InlineData(RunId, "REPUSHED-1")] // corrected by the run: nothing to review
    public async Task Resolve_UnknownRunOrItem_404(string runId, string sku)
    {
        await SaveRunAsync();

        var result = await Resolve(runId, sku, """{"resolution":"accept_master"}""");

        StatusOf(result).ShouldBe(StatusCodes.Status404NotFound);
        (await ItemAsync(_repushed)).Review.ShouldBeNull();
    }

    [Fact]
    public async Task Resolve_ItemAlreadyResolved_409AndTheFirstResolutionStays()
    {
        await SaveRunAsync();

        var first = await Resolve(RunId, _reviewed.Value, """{"resolution":"accept_master","resolvedBy":"ana"}""");
        var second = await Resolve(RunId, _reviewed.Value, """{"resolution":"accept_channel","resolvedBy":"bo"}""");

        StatusOf(first).ShouldBe(StatusCodes.Status200OK);
        StatusOf(second).ShouldBe(StatusCodes.Status409Conflict);
        var review = (await ItemAsync(_reviewed)).Review.ShouldNotBeNull();
        (review.Resolution, review.ResolvedBy).ShouldBe((ReviewResolution.AcceptMaster, "ana"));
    }

    [Theory]
    [InlineData("""{"channel":1}""", "channel")]
    [InlineData("""{"channel":"a/b"}""", "channel")]
    [InlineData("""{"chanel":"web"}""", "chanel")]
    public async Task Start_BadBody_400NamingTheFieldAndNoRunStarted(string json, string field)
    {
        var result = await Start(json);

        FieldOf(result, StatusCodes.Status400BadRequest).ShouldBe(field);
        (await Reports.ListRunsAsync(null, 10, null, Cancellation)).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task Start_ChannelThatDoesNotSell_404AndNoRunStarted()
    {
        var result = await Start("""{"channel":"outlet"}""");

        StatusOf(result).ShouldBe(StatusCodes.Status404NotFound);
        (await Reports.ListRunsAsync(null, 10, null, Cancellation)).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task GetRun_UnknownRun_404()
    {
        var result = await new GetReconciliationRun(Reports).Run(Get(), "no-such-run", Cancellation);

        StatusOf(result).ShouldBe(StatusCodes.Status404NotFound);
    }

    [Theory]
    [InlineData("?pageSize=0", "pageSize")]
    [InlineData("?pageSize=501", "pageSize")]
    [InlineData("?channel=a%2Fb", "channel")]
    public async Task ListRuns_BadQuery_400NamingTheField(string query, string field)
    {
        var result = await new ListReconciliationRuns(Reports).Run(Get(query), Cancellation);

        FieldOf(result, StatusCodes.Status400BadRequest).ShouldBe(field);
    }

    private async Task SaveRunAsync()
    {
        var run = new ReconciliationRun(RunId, new ChannelId("web"), Epoch, Epoch, 2, 2, 1, 1) { MissedEvent = 1, StaleChannel = 1 };
        await Reports.SaveAsync(run,
        [
            new Discrepancy(_reviewed, 10, 7, DiscrepancyCause.MissedEvent, DiscrepancyAction.RaisedForReview) { Location = new LocationId("dc-1") },
            new Discrepancy(_repushed, 10, 4, DiscrepancyCause.StaleChannel, DiscrepancyAction.Repushed) { CorrectionVersion = 2 },
        ], Cancellation);
    }

    private async Task<Discrepancy> ItemAsync(Sku sku) =>
        (await Reports.GetAsync(RunId, 10, null, Cancellation))!.Discrepancies.Items.Single(d => d.Sku == sku);

    private Task<IActionResult> Resolve(string runId, string sku, string json) =>
        new ResolveReconciliationReview(_core.Get<ReviewHandler>()).Run(Post(json), runId, sku, Cancellation);

    private Task<IActionResult> Start(string json) =>
        new StartReconciliation(_core.Get<ReconciliationRequests>()).Run(Post(json), Cancellation);

    private static HttpRequest Post(string json)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.ContentType = "application/json";
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(json));
        return context.Request;
    }

    private static HttpRequest Get(string query = "")
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.QueryString = new QueryString(query.Length == 0 ? null : query);
        return context.Request;
    }

    private static int? StatusOf(IActionResult result) => result.ShouldBeAssignableTo<ObjectResult>()!.StatusCode;

    private static string FieldOf(IActionResult result, int status)
    {
        var problem = result.ShouldBeOfType<ObjectResult>();
        problem.StatusCode.ShouldBe(status);
        return problem.Value.ShouldBeOfType<ProblemDetails>().Extensions["field"].ShouldBeOfType<string>();
    }
}
