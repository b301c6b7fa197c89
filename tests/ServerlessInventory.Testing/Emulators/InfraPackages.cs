using System.Diagnostics;

namespace ServerlessInventory.Testing.Emulators;

/// <summary>
/// The local stand-ins' npm packages, pinned in <c>infra/package.json</c> and <c>infra/package-lock.json</c>. A test
/// fixture calls <see cref="EnsureInstalledAsync"/> before it starts an emulator: on a fresh clone it runs
/// <c>npm ci</c> once (test projects run in parallel, so the install is guarded by a lock file), and again whenever
/// the lock file's pins changed (<see cref="InfraInstallState"/>); when node or npm is missing it fails with what to
/// install. It never skips.
/// </summary>
public static class InfraPackages
{
    private static readonly SemaphoreSlim InProcess = new(1, 1);

    /// <summary>The repository's <c>infra/</c> folder, found by walking up from the test binaries to the solution file.</summary>
    public static string InfraDirectory { get; } = Path.Combine(FindRepositoryRoot(), "infra");

    /// <summary>Where npm puts the packages' executables.</summary>
    public static string BinDirectory => Path.Combine(InfraDirectory, "node_modules", ".bin");

    /// <summary>Installs the pinned packages unless they are already there, then returns the path of node.</summary>
    public static async Task<string> EnsureInstalledAsync(CancellationToken cancellationToken)
    {
        var node = FindOnPath("node") ?? throw new InvalidOperationException(
            "node is not installed: the Azurite and Cosmos DB stand-ins run on Node.js 20 or later. Install Node.js 20 (with npm), then run the tests again.");
        if (IsInstalled())
        {
            return node;
        }
        await InProcess.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var crossProcess = await AcquireLockFileAsync(cancellationToken).ConfigureAwait(false);
            if (!IsInstalled())
            {
                await RunNpmCiAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            InProcess.Release();
        }
        return node;
    }

    private static bool IsInstalled() => InfraInstallState.IsCurrent(InfraDirectory);

    private static async Task RunNpmCiAsync(CancellationToken cancellationToken)
    {
        var npm = FindOnPath("npm") ?? throw new InvalidOperationException(
            $"npm is not installed: it installs the emulators pinned in {InfraDirectory}/package.json. Install npm (it comes with Node.js 20), or run `npm ci --prefix infra` yourself.");
        if (Directory.Exists(Path.Combine(InfraDirectory, "node_modules")))
        {
            InfraInstallState.ClearStamp(InfraDirectory);
        }
        var start = new ProcessStartInfo(npm, "ci --no-audit --no-fund")
        {
            WorkingDirectory = InfraDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("npm ci did not start");
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The caller's install timeout fired: an npm left running would go on rewriting node_modules under the
            // next fixture's feet. Its tree goes too (npm runs packages' install scripts as children).
            await ProcessTree.StopAsync(process).ConfigureAwait(false);
            throw;
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"`npm ci` in {InfraDirectory} failed (exit {process.ExitCode}):\n{await output.ConfigureAwait(false)}\n{await errors.ConfigureAwait(false)}");
        }
        InfraInstallState.MarkInstalled(InfraDirectory);
    }

    /// <summary>Held while npm installs, so two test processes never install into the same folder at once.</summary>
    private static async Task<FileStream> AcquireLockFileAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(InfraDirectory, ".npm-install.lock");
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (attempt < 600)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ServerlessInventory.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"ServerlessInventory.sln not found above {AppContext.BaseDirectory}: the emulator fixtures run from the repository's test output.");
    }
}
