using Microsoft.Extensions.DependencyInjection;
using ServerlessInventory.Cli.Composition;
using ServerlessInventory.Cli.Export;
using ServerlessInventory.Cli.Load;
using ServerlessInventory.Cli.Ops;
using ServerlessInventory.Cli.Replay;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ServerlessInventory.Cli;

/// <summary>The si-ops commands. Tests build it with their own console to run a command in-process.</summary>
internal static class OpsApp
{
    public static CommandApp Create(IAnsiConsole? console = null, TimeProvider? timeProvider = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(console ?? AnsiConsole.Console);
        services.AddSingleton(timeProvider ?? TimeProvider.System);
        var app = new CommandApp(new TypeRegistrar(services));
        app.Configure(config =>
        {
            config.SetApplicationName("si-ops");
            if (console is not null)
            {
                config.ConfigureConsole(console);
            }
            // Failures become exit codes with a message naming what was wrong, never a stack trace.
            config.SetExceptionHandler((exception, _) => ExitCodes.Report(exception, console ?? AnsiConsole.Console));
            config.AddCommand<LoadCommand>("load")
                .WithDescription("Load positions from a CSV file as stock.counted events (same file twice loads once; an interrupted load resumes).")
                .WithExample("load", "positions.csv", "--database", "serverless-inventory.db");
            config.AddCommand<ExportCommand>("export")
                .WithDescription("Export positions, availability or the ledger as CSV or JSON lines, streaming, for a SKU range or all.")
                .WithExample("export", "positions", "--database", "serverless-inventory.db", "--output", "positions.csv");
            config.AddCommand<ReplayCommand>("replay")
                .WithDescription("Rebuild a master from another store's ledger (resumable), then verify every SKU's positions and reservations against the source.")
                .WithExample("replay", "--from", "sqlite:serverless-inventory.db", "--to", "cosmos", "--settings", "azure.json");
            config.AddCommand<ReconcileCommand>("reconcile")
                .WithDescription("Reconcile one channel (--channel) or every selling channel to the end, as the hourly timer does; corrections are pushed, the rest waits for review.")
                .WithExample("reconcile", "--channel", "web", "--settings", "functions/ServerlessInventory.LocalRunner/appsettings.json");
            config.AddCommand<ReplayParkedCommand>("replay-parked")
                .WithDescription("Replay parked events (by id, or --all) with today's mapping, on the embedded store; they go to the local topic.")
                .WithExample("replay-parked", "--all", "--settings", "appsettings.json");
            config.AddCommand<ReplayDeadLettersCommand>("replay-dead-letters")
                .WithDescription("Apply dead-lettered events again (by message id, or --all), on the embedded store; applied ones are removed.")
                .WithExample("replay-dead-letters", "--all", "--database", "serverless-inventory.db");
        });
        return app;
    }
}
