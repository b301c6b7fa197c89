using System.Globalization;

namespace ServerlessInventory.Benchmarks;

/// <summary>Command line: <c>[all|apply|spread|hot|e2e|stores|load|reconcile|checkout|shopify] [--smoke] [--load-rows N] [--reconcile-skus N] [--reconcile-cosmos-skus N] [--shopify-seconds N] [--events N] [--raw N] [--appliers N] [--e2e-events N] [--latency-seconds N] [--store-events N] [--dir PATH]</c>.</summary>
internal sealed record BenchOptions(
    bool Spread, bool Hot, int Events, int RawTransactions, int Appliers, string Directory, bool EndToEnd = false, int EndToEndEvents = 50_000, int LatencySeconds = 10,
    bool Stores = false, int StoreEvents = 10_000, bool Load = false, int LoadRows = 1_000_000, bool Reconcile = false, int ReconcileSkus = 250_000, int ReconcileCosmosSkus = 1_000,
    bool Checkout = false, int CheckoutRace = 200, int CheckoutReps = 5, int CheckoutSpread = 2_000, bool Shopify = false, int ShopifySeconds = 10)
{
    public const string Usage = """
        usage: dotnet run -c Release --project bench/ServerlessInventory.Benchmarks -- [suite] [options]
          suite          all (default) | apply ((a) and (b)) | spread (a only) | hot (b only) | e2e ((c) and (d), with (a) as the ratio's denominator)
                         | stores (apply, reserve, query on SQLite and on Cosmos DB side by side, with Cosmos requests per operation)
                         | load (si-ops load of a positions CSV into a fresh SQLite master: rows/s and peak memory)
                         | reconcile (one reconciliation run per channel over SKUs x 4 locations and 3 channels, 1 % drifted with planted causes)
                         | checkout (flash-sale races and spread checkouts over HTTP, grouped and alone; the race on Cosmos DB)
                         | shopify (pushes/s to the Shopify Admin simulator at 100 and 1,000 points/s, against the most the budget allows)
          --smoke        a scaled-down run that proves the bench builds, runs and verifies (CI): --events 2000 --raw 2000 --e2e-events 2000 --latency-seconds 2 --store-events 1000 --load-rows 2000 --reconcile-skus 2000 --reconcile-cosmos-skus 400,
                         checkout: 1 race of 40 on 10, 400 on 100, spread 200 over 100 SKUs
          --load-rows N  rows of the positions file the load suite loads (default 1000000: 3 locations per SKU, sorted by SKU)
          --reconcile-skus N  SKUs of the reconcile suite (default 250000, each at 4 locations)
          --reconcile-cosmos-skus N  SKUs of its run over the Cosmos DB stand-in, requests counted (default 1000; 0: none)
          --shopify-seconds N  how long the shopify suite pushes at each restore rate (default 10; --smoke: 2)
          --store-events N  events per apply run of the stores suite (default 10000; (a) on N/10 SKUs, N/5 reservations, N/2 queries)
          --e2e-events N events posted in (c) (default 50000)
          --latency-seconds N  how long (d) offers 1,000 events/s (default 10)
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
                case "all":
                    options = options with { Spread = true, Hot = true, EndToEnd = true, Stores = true, Load = true, Reconcile = true, Checkout = true, Shopify = true };
                    break;
                case "shopify":
                    options = options with { Shopify = true };
                    break;
                case "--shopify-seconds" when i + 1 < args.Count:
                    options = options with { ShopifySeconds = PositiveInt(args[++i]) };
                    break;
                case "stores":
                    options = options with { Stores = true };
                    break;
                case "load":
                    options = options with { Load = true };
                    break;
                case "--load-rows" when i + 1 < args.Count:
                    options = options with { LoadRows = PositiveInt(args[++i]) };
                    break;
                case "reconcile":
                    options = options with { Reconcile = true };
                    break;
                case "--reconcile-skus" when i + 1 < args.Count:
                    options = options with { ReconcileSkus = PositiveInt(args[++i]) };
                    break;
                case "--reconcile-cosmos-skus" when i + 1 < args.Count:
                    options = options with { ReconcileCosmosSkus = args[++i] == "0" ? 0 : PositiveInt(args[i]) };
                    break;
                case "checkout":
                    options = options with { Checkout = true };
                    break;
                case "--store-events" when i + 1 < args.Count:
                    options = options with { StoreEvents = PositiveInt(args[++i]) };
                    break;
                case "apply":
                    options = options with { Spread = true, Hot = true };
                    break;
                case "e2e":
                    options = options with { Spread = true, EndToEnd = true };
                    break;
                case "--e2e-events" when i + 1 < args.Count:
                    options = options with { EndToEndEvents = PositiveInt(args[++i]) };
                    break;
                case "--latency-seconds" when i + 1 < args.Count:
                    options = options with { LatencySeconds = PositiveInt(args[++i]) };
                    break;
                case "spread" or "a":
                    options = options with { Spread = true };
                    break;
                case "hot" or "b":
                    options = options with { Hot = true };
                    break;
                case "--smoke":
                    options = options with { Events = SmokeSize, RawTransactions = SmokeSize, EndToEndEvents = SmokeSize, LatencySeconds = 2, StoreEvents = SmokeSize / 2, LoadRows = SmokeSize, ReconcileSkus = SmokeSize, ReconcileCosmosSkus = SmokeSize / 5, CheckoutRace = 40, CheckoutReps = 1, CheckoutSpread = 200, ShopifySeconds = 2 };
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
        // No suite named means everything the issues ask for.
        return options is { Spread: false, Hot: false, EndToEnd: false, Stores: false, Load: false, Reconcile: false, Checkout: false, Shopify: false }
            ? options with { Spread = true, Hot = true, EndToEnd = true, Stores = true, Load = true, Reconcile = true, Checkout = true, Shopify = true }
            : options;
    }

    private static int PositiveInt(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"'{text}' is not a positive integer");
}
