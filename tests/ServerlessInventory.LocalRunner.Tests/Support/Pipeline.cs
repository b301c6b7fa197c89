namespace ServerlessInventory.LocalRunner.Tests.Support;

/// <summary>Waiting for the asynchronous half of the pipeline (topic, apply function) to catch up.</summary>
public static class Pipeline
{
    /// <summary>Waits until every one of <paramref name="eventIds"/> is in the SKU's ledger, and returns the ledger.</summary>
    public static Task<IReadOnlyList<LedgerEntryView>> WaitForAppliedAsync(
        this LocalRunnerProcess runner, string sku, IReadOnlyCollection<string> eventIds, CancellationToken cancellationToken, TimeSpan? timeout = null) =>
        Eventually.UntilAsync(
            $"{sku}: events [{string.Join(", ", eventIds)}] in the ledger",
            ct => runner.Api.GetLedgerAsync(sku, ct),
            ledger => eventIds.All(id => ledger.Any(e => e.EventId == id)),
            cancellationToken,
            timeout,
            () => "runner output:\n" + runner.Output);

    public static Task<IReadOnlyList<LedgerEntryView>> WaitForAppliedAsync(this LocalRunnerProcess runner, string sku, string eventId, CancellationToken cancellationToken) =>
        runner.WaitForAppliedAsync(sku, [eventId], cancellationToken);

    /// <summary>Sends events (one webhook each, in order) from a channel and waits until all are applied.</summary>
    public static async Task SendAndWaitAsync(this LocalRunnerProcess runner, string channel, string sku, CancellationToken cancellationToken, params System.Text.Json.Nodes.JsonObject[] events)
    {
        foreach (var evt in events)
        {
            var accepted = await runner.Api.SendEventAsync(channel, evt, cancellationToken);
            accepted.Accepted.ShouldBe([evt["id"]!.GetValue<string>()]);
        }
        await runner.WaitForAppliedAsync(sku, [.. events.Select(e => e["id"]!.GetValue<string>())], cancellationToken);
    }
}
