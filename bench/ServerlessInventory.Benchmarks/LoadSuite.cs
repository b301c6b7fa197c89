using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using ServerlessInventory.Cli;
using Spectre.Console;

namespace ServerlessInventory.Benchmarks;

internal sealed record LoadResult(int Rows, long Events, TimeSpan Elapsed, MemoryResult Memory, Verification Verification);

/// <summary>
/// si-ops load, run in-process through its own CommandApp, of a positions file as an ERP exports it (sorted by SKU,
/// three locations each, one row in seven with unsellable units) into a fresh SQLite master.
/// </summary>
internal static class LoadSuite
{
    /// <summary>The issue's target on this machine: 1,000,000 rows in at most 120 s and 512 MB.</summary>
    private const double TargetRowsPerSecond = 1_000_000 / 120.0;
    private const long TargetPeakBytes = 512L * 1024 * 1024;

    public static async Task<LoadResult> RunAsync(string scratch, int rows, int appliers)
    {
        var file = Path.Combine(scratch, "positions.csv");
        var database = Path.Combine(scratch, "load.db");
        var (events, onHand) = WriteFile(file, rows);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(Console.Error),
        });

        using var memory = MemorySampler.Start();
        var clock = Stopwatch.StartNew();
        var exitCode = await OpsApp.Create(console).RunAsync(["load", file, "--database", database, "--appliers", appliers.ToString(CultureInfo.InvariantCulture)]);
        clock.Stop();
        var peak = memory.Stop();

        return new LoadResult(rows, events, clock.Elapsed, peak, exitCode == 0 ? Verify(database, events, onHand) : new Verification(false, $"si-ops load exited {exitCode}"));
    }

    public static void Write(TextWriter output, LoadResult result)
    {
        var rate = result.Rows / result.Elapsed.TotalSeconds;
        output.WriteLine("Load: si-ops load of a positions CSV into a fresh SQLite master (validate, then apply through ApplyEventsHandler)");
        output.WriteLine($"  rows            {result.Rows:N0} ({result.Events:N0} events)");
        output.WriteLine($"  elapsed         {result.Elapsed.TotalSeconds:N1} s");
        output.WriteLine($"  rows/s          {rate:N0}   target >= {TargetRowsPerSecond:N0} (1,000,000 in 120 s): {(rate >= TargetRowsPerSecond ? "PASS" : "FAIL")}");
        output.WriteLine($"  peak memory     {result.Memory.PeakWorkingSet / (1024 * 1024):N0} MiB working set, {result.Memory.PeakHeap / (1024 * 1024):N0} MiB GC heap   target <= 512 MiB: {(result.Memory.PeakWorkingSet <= TargetPeakBytes ? "PASS" : "FAIL")}");
        output.WriteLine($"  verified        {(result.Verification.Passed ? "yes" : "NO")}: {result.Verification.Detail}");
    }

    private static (long Events, long OnHand) WriteFile(string path, int rows)
    {
        using var writer = new StreamWriter(path);
        writer.WriteLine("sku,location,onHand,unsellable");
        long events = 0, onHand = 0;
        for (var i = 0; i < rows; i++)
        {
            var units = (i % 50) + 1;
            var unsellable = i % 7 == 0 ? 1 : 0;
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"SKU-{i / 3:D8},store-{i % 3},{units},{unsellable}"));
            events += 1 + unsellable;
            onHand += units;
        }
        return (events, onHand);
    }

    // Read straight from the file: the benchmark checks the store, it does not go through the code it measures.
    private static Verification Verify(string database, long events, long onHand)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT count(*) FROM ledger), (SELECT coalesce(sum(on_hand), 0) FROM positions)";
        using var reader = command.ExecuteReader();
        reader.Read();
        var (ledger, total) = (reader.GetInt64(0), reader.GetInt64(1));
        return ledger == events && total == onHand
            ? new Verification(true, $"{ledger:N0} ledger entries, onHand total {total:N0}")
            : new Verification(false, $"expected {events:N0} ledger entries and onHand {onHand:N0}, found {ledger:N0} and {total:N0}");
    }
}
