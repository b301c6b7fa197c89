using Spectre.Console;

namespace ServerlessInventory.Cli.Tests;

/// <summary>One si-ops command run in-process through its CommandApp, with what it printed.</summary>
internal sealed record OpsRun(int ExitCode, string Output)
{
    public static async Task<OpsRun> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 400;
        var exitCode = await OpsApp.Create(console).RunAsync(args, cancellationToken);
        return new OpsRun(exitCode, output.ToString());
    }
}
