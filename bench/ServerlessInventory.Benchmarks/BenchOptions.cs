using System.Globalization;

namespace ServerlessInventory.Benchmarks;

/// <summary>Command line: <c>[all|apply|spread|hot] [--smoke] [--events N] [--raw N] [--appliers N] [--dir PATH]</c>.</summary>
internal sealed record BenchOptions(bool Spread, bool Hot, int Events, int RawTransactions, int Appliers, string Directory)
{
    public const string Usage = """
        usage: dotnet run -c Release --project bench/ServerlessInventory.Benchmarks -- [suite] [options]
          suite          all | apply (default: both scenarios) | spread (a only) | hot (b only)
          --smoke        a scaled-down run that proves the bench builds, runs and verifies (CI): --events 2000 --raw 2000
          --events N     events per scenario (default 100000; (a) uses N/10 SKUs of 10 events)
          --raw N        single-row insert transactions for the raw SQLite rate (default 50000)
          --appliers N   concurrent appliers per scenario (default 4)
          --dir PATH     where the scratch database files go (default: the system temp folder)
        """;

    private const int SmokeSize = 2_000;

    public static BenchOptions? Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions(false, false, 100_000, 50_000, 4, Path.GetTempPath());
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "all" or "apply":
                    options = options with { Spread = true, Hot = true };
                    break;
                case "spread" or "a":
                    options = options with { Spread = true };
                    break;
                case "hot" or "b":
                    options = options with { Hot = true };
                    break;
                case "--smoke":
                    options = options with { Events = SmokeSize, RawTransactions = SmokeSize };
                    break;
                case "--events" when i + 1 < args.Count:
                    options = options with { Events = PositiveInt(args[++i]) };
                    break;
                case "--raw" when i + 1 < args.Count:
                    options = options with { RawTransactions = PositiveInt(args[++i]) };
                    break;
                case "--appliers" when i + 1 < args.Count:
                    options = options with { Appliers = PositiveInt(args[++i]) };
                    break;
                case "--dir" when i + 1 < args.Count:
                    options = options with { Directory = args[++i] };
                    break;
                default:
                    return null;
            }
        }
        // No suite named means the whole issue: both scenarios.
        return options is { Spread: false, Hot: false } ? options with { Spread = true, Hot = true } : options;
    }

    private static int PositiveInt(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"'{text}' is not a positive integer");
}
