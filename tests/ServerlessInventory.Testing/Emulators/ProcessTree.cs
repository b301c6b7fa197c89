using System.ComponentModel;
using System.Diagnostics;

namespace ServerlessInventory.Testing.Emulators;

/// <summary>
/// Stops the node processes the fixtures start (npm, Azurite, the Cosmos DB stand-in) with everything they spawned,
/// so a failed start, a cancelled install or a finished test run never leaves node listening or writing node_modules.
/// </summary>
internal static class ProcessTree
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Closes <paramref name="stdin"/> first when there is one (a process watching it, as the stand-in started with
    /// <c>--exit-with-stdin</c> does, then exits on its own), and kills the whole tree if it is still running after
    /// <paramref name="grace"/>. Never throws: it runs on failure paths, where the original error must surface.
    /// </summary>
    public static async Task StopAsync(Process process, StreamWriter? stdin = null, TimeSpan grace = default)
    {
        if (stdin is not null)
        {
            try
            {
                stdin.Close();
                await process.WaitForExitAsync().WaitAsync(grace).ConfigureAwait(false);
            }
            catch (Exception error) when (error is IOException or TimeoutException or InvalidOperationException or ObjectDisposedException)
            {
                // A broken pipe, or still running after the grace period: the kill below stops it.
            }
        }
        Kill(process);
        try
        {
            await process.WaitForExitAsync().WaitAsync(ExitTimeout).ConfigureAwait(false);
        }
        catch (Exception error) when (error is TimeoutException or InvalidOperationException)
        {
            // Not ours any more (never started, or already disposed), or stuck in the kernel: nothing more to do.
        }
    }

    /// <summary>Kills the process and its descendants unless it has exited; never throws.</summary>
    public static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception error) when (error is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            // It exited between the check and the kill, or was never started: nothing left to stop.
        }
    }
}
