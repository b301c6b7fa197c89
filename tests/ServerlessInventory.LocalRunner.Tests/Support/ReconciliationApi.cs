using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ServerlessInventory.LocalRunner.Tests.Support;

/// <summary>The reconciliation ops routes (DESIGN §3) as the tests call them, and a channel's level report.</summary>
public static class ReconciliationApi
{
    /// <summary>A channel's report of what it shows for a SKU: pooled when <paramref name="location"/> is null.</summary>
    public static JsonObject LevelReported(string id, string channel, string sku, string? location, int quantity, DateTimeOffset time)
    {
        var data = new JsonObject { ["sku"] = sku, ["channel"] = channel, ["quantity"] = quantity };
        if (location is not null)
        {
            data["location"] = location;
        }
        return CloudEvents.Event(id, "inventory.level.reported", channel, time, data);
    }

    /// <summary>Asks for a run of one channel and returns its id (202 required).</summary>
    public static async Task<string> StartRunAsync(this RunnerApi api, string channel, CancellationToken cancellationToken)
    {
        using var response = await api.Http.PostAsJsonAsync("api/ops/reconciliation/runs", new { channel }, RunnerApi.Json, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, $"start answered {(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<StartedRunsView>(text, RunnerApi.Json)!.Runs.ShouldHaveSingleItem().RunId;
    }

    /// <summary>The run's counts and all its discrepancies, following continuations, at most 20 pages.</summary>
    public static async Task<RunReportView> GetRunAsync(this RunnerApi api, string runId, CancellationToken cancellationToken)
    {
        var path = $"api/ops/reconciliation/runs/{Uri.EscapeDataString(runId)}?pageSize=500";
        var first = (await api.GetJsonAsync<RunReportView>(path, cancellationToken))!;
        var discrepancies = new List<DiscrepancyView>(first.Discrepancies);
        for (var (continuation, page) = (first.Continuation, 1); continuation is not null; page++)
        {
            page.ShouldBeLessThan(20, $"run {runId} has more than 20 pages of discrepancies");
            var next = (await api.GetJsonAsync<RunReportView>(path + "&continuation=" + Uri.EscapeDataString(continuation), cancellationToken))!;
            discrepancies.AddRange(next.Discrepancies);
            continuation = next.Continuation;
        }
        return first with { Discrepancies = discrepancies, Continuation = null };
    }

    /// <summary>Starts a run of the channel and polls it until it completed.</summary>
    public static async Task<RunReportView> RunToEndAsync(this LocalRunnerProcess runner, string channel, CancellationToken cancellationToken)
    {
        var runId = await runner.Api.StartRunAsync(channel, cancellationToken);
        return await runner.WaitForRunAsync(runId, cancellationToken);
    }

    public static Task<RunReportView> WaitForRunAsync(this LocalRunnerProcess runner, string runId, CancellationToken cancellationToken) =>
        Eventually.UntilAsync(
            $"reconciliation run {runId} completed",
            ct => runner.Api.GetRunAsync(runId, ct),
            report => report.Run.Status == "completed",
            cancellationToken,
            diagnostics: () => "runner output:\n" + runner.Output);

    public static async Task<HttpResponseMessage> ResolveRawAsync(this RunnerApi api, string runId, string sku, string resolution, CancellationToken cancellationToken) =>
        await api.Http.PostAsJsonAsync($"api/ops/reconciliation/review/{Uri.EscapeDataString(runId)}/{Uri.EscapeDataString(sku)}", new { resolution }, RunnerApi.Json, cancellationToken);
}

public sealed record StartedRunsView(IReadOnlyList<StartedRunView> Runs);

public sealed record StartedRunView(string RunId, string Channel);

public sealed record RunView(
    string RunId,
    string Channel,
    string Status,
    int SkusCompared,
    int InAgreement,
    int InFlight,
    int Discrepancies,
    IReadOnlyDictionary<string, int> ByCause,
    int AutoCorrected,
    int RaisedForReview,
    long VarianceUnits);

public sealed record ReviewOutcomeView(string Resolution, string ResolvedBy, DateTimeOffset ResolvedAt);

public sealed record DiscrepancyView(
    string Sku,
    int MasterValue,
    int ChannelValue,
    int Difference,
    string LikelyCause,
    string Action,
    string? Location,
    long? CorrectionVersion,
    ReviewOutcomeView? Review);

public sealed record RunReportView(RunView Run, IReadOnlyList<DiscrepancyView> Discrepancies, string? Continuation)
{
    public DiscrepancyView? Of(string sku) => Discrepancies.SingleOrDefault(d => d.Sku == sku);
}
