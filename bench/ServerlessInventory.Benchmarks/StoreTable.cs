using System.Globalization;

namespace ServerlessInventory.Benchmarks;

/// <summary>The <c>stores</c> report: SQLite and Cosmos side by side, the Cosmos requests per operation, and the request target.</summary>
internal static class StoreTable
{
    private const string None = "-";

    public static void Write(TextWriter writer, IReadOnlyList<StoreRun> runs, bool standIn)
    {
        writer.WriteLine($"""
            Store operations through Core: SQLite store vs Cosmos DB store, same handlers, same workload, one run
            Cosmos DB here is {(standIn ? "the project's stand-in: an in-memory Node process on loopback, sharing these cores, whose queries scan every\ndocument of the container" : "COSMOS_ENDPOINT")}. Its ops/s say nothing about Azure's latency or RU cost; the request counts are what carries
            over to Azure: each request is charged in RU (a 1 KB point read is 1 RU; a query and a batch cost more).
            """);
        var table = new TextTable(("Operation", true), ("Callers", false), ("Count", false), ("Unit", true),
            ("SQLite s", false), ("SQLite /s", false), ("Cosmos s", false), ("Cosmos /s", false), ("Cosmos ÷ SQLite", false), ("SQLite", true), ("Cosmos", true));
        var pairs = runs.Where(r => r.Store == StoreHost.Sqlite).Zip(runs.Where(r => r.Store == StoreHost.Cosmos)).ToList();
        foreach (var (sqlite, cosmos) in pairs)
        {
            var apply = sqlite.Units != sqlite.Calls;
            table.Add(sqlite.Name, Count(sqlite.Callers), Count(sqlite.Units), apply ? "events" : "ops", Seconds(sqlite.Elapsed), Count(sqlite.UnitsPerSecond),
                Seconds(cosmos.Elapsed), Count(cosmos.UnitsPerSecond), Percent(cosmos.UnitsPerSecond / sqlite.UnitsPerSecond), Check(sqlite), Check(cosmos));
            if (apply)
            {
                table.Add("  same, per delivered batch", "", Count(sqlite.Calls), "batches", "", Count(sqlite.CallsPerSecond), "", Count(cosmos.CallsPerSecond), "", "", "");
            }
        }
        table.Write(writer);

        writer.WriteLine();
        writer.WriteLine("Cosmos DB requests on the wire during the measured phase (after warm-up), by kind, attributed to the operation that sent them");
        var requests = new TextTable(("Operation", true), ("Ops", false), ("Query", false), ("Plan", false), ("Batch", false), ("Point", false), ("Feed", false),
            ("Other", false), ("Req/event", false), ("Req/op", false), ("Reads/op", false), ("Batches/op", false), ("Most reads", false), ("Most batches", false));
        var cosmosRuns = runs.Where(r => r.Store == StoreHost.Cosmos).ToList();
        foreach (var run in cosmosRuns)
        {
            foreach (var stats in run.Requests)
            {
                var c = stats.Counts;
                var perEvent = run.Units != run.Calls ? Number(c.Total / (double)(run.Units * stats.Operations / run.Calls)) : None;
                requests.Add(stats.Name, Count(stats.Operations), Count(c[RequestKind.Query]), Count(c[RequestKind.QueryPlan]), Count(c[RequestKind.Batch]),
                    Count(c[RequestKind.PointRead]), Count(c[RequestKind.ChangeFeed]), Count(c[RequestKind.Other]), perEvent,
                    Number(c.Total / (double)stats.Operations), Number(c.Reads / (double)stats.Operations), Number(c[RequestKind.Batch] / (double)stats.Operations),
                    Count(stats.MostReads), Count(stats.MostBatches));
            }
        }
        requests.Write(writer);
        var unattributed = cosmosRuns.Sum(r => r.UnattributedRequests);
        writer.WriteLine($"  Requests no operation sent (background metadata refreshes) during the measured phases: {unattributed:N0}.");

        writer.WriteLine();
        writer.WriteLine("Target: <= 1 TransactionalBatch and <= 1 read (query, query plan or point read) per SKU per delivered batch");
        foreach (var stats in cosmosRuns.Where(r => r.Units != r.Calls).SelectMany(r => r.Requests))
        {
            var pass = stats.MostBatches <= 1 && stats.MostReads <= 1;
            var plans = stats.Counts[RequestKind.QueryPlan];
            writer.WriteLine($"  {stats.Name,-45} most {stats.MostBatches} batch(es), {stats.MostReads} read(s) (of which query plans: {plans:N0} in all); " +
                $"{stats.OverTarget:N0} of {stats.Operations:N0} batches over  {(pass ? "PASS" : "FAIL")}");
        }
        writer.WriteLine("""
              A batch opening with a stock count loads the ledger after the count in the same query (SnapshotRequest.LedgerAfter);
              partition-scoped queries with ORDER BY or TOP run with optimistic direct execution, so the SDK asks for no query plan.
              bench/README.md explains each kind of request.
            """);

        writer.WriteLine();
        writer.WriteLine("Verification");
        foreach (var run in runs)
        {
            writer.WriteLine($"  {run.Store,-6} {run.Name} ({run.Callers} caller(s)): {Check(run)}: {run.Verification.Detail}");
        }
    }

    private static string Check(StoreRun run) => run.Verification.Passed ? "verified" : "FAILED";

    private static string Count(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("N2", CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("N2", CultureInfo.InvariantCulture);

    private static string Percent(double ratio) => ratio.ToString("P1", CultureInfo.InvariantCulture);
}
