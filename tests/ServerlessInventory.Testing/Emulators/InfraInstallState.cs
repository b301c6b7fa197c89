using System.Security.Cryptography;
using System.Text.Json;

namespace ServerlessInventory.Testing.Emulators;

/// <summary>
/// Whether <c>infra/node_modules</c> holds what <c>infra/package-lock.json</c> pins. Checking only that an install
/// exists let a bumped pin go uninstalled, so tests silently ran the old Azurite or stand-in. The rule, cheapest
/// check first:
/// <list type="number">
/// <item>a stamp file (<see cref="StampFileName"/>), written after the fixtures' own <c>npm ci</c>, holds the SHA-256
/// of the lock file: the install is current when the stamp equals the lock file's hash now;</item>
/// <item>otherwise (someone ran <c>npm ci</c> by hand, as <c>.ci/run</c> does before the tests) npm's own record of
/// what it installed, <c>node_modules/.package-lock.json</c>, is compared with the lock file: the install is current
/// when both have exactly the same set of (path, version) pairs under <c>packages</c>, ignoring the lock file's root
/// <c>""</c> entry, which npm does not record.</item>
/// </list>
/// Anything else (no record, unreadable JSON, any difference) is "not current". A false "not current" costs one more
/// <c>npm ci</c> (e.g. an optional package for another OS in the lock file that npm skipped here), after which the
/// stamp settles it; a false "current" would run stale emulators, so the comparison is exact rather than clever.
/// </summary>
public static class InfraInstallState
{
    /// <summary>The stamp's name, inside <c>node_modules</c> so that deleting the install deletes the stamp with it.</summary>
    public const string StampFileName = ".serverless-inventory-lock.sha256";

    /// <summary>True when <paramref name="infraDirectory"/>'s node_modules holds what its package-lock.json pins (see the rule above).</summary>
    public static bool IsCurrent(string infraDirectory)
    {
        try
        {
            var lockFile = File.ReadAllBytes(LockFile(infraDirectory));
            if (File.Exists(StampFile(infraDirectory)) && File.ReadAllText(StampFile(infraDirectory)).Trim() == Hash(lockFile))
            {
                return true;
            }
            var installed = InstalledRecord(infraDirectory);
            return File.Exists(installed) && Packages(lockFile).SetEquals(Packages(File.ReadAllBytes(installed)));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException or KeyNotFoundException)
        {
            // Half-written by an npm ci running in another process, or not JSON of the expected shape: not current.
            return false;
        }
    }

    /// <summary>Records that node_modules now matches the lock file; called after a successful <c>npm ci</c>.</summary>
    public static void MarkInstalled(string infraDirectory) =>
        File.WriteAllText(StampFile(infraDirectory), Hash(File.ReadAllBytes(LockFile(infraDirectory))) + "\n");

    /// <summary>Removes the stamp before an install, so an interrupted one is never taken for current.</summary>
    public static void ClearStamp(string infraDirectory) => File.Delete(StampFile(infraDirectory));

    private static string LockFile(string infraDirectory) => Path.Combine(infraDirectory, "package-lock.json");

    private static string StampFile(string infraDirectory) => Path.Combine(infraDirectory, "node_modules", StampFileName);

    private static string InstalledRecord(string infraDirectory) => Path.Combine(infraDirectory, "node_modules", ".package-lock.json");

    private static string Hash(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>The (path, version) pairs of a lock file's <c>packages</c>, without the root <c>""</c> entry.</summary>
    private static HashSet<(string Path, string? Version)> Packages(byte[] lockFile)
    {
        using var document = JsonDocument.Parse(lockFile);
        var packages = new HashSet<(string, string?)>();
        foreach (var package in document.RootElement.GetProperty("packages").EnumerateObject())
        {
            if (package.Name.Length == 0)
            {
                continue;
            }
            var version = package.Value.TryGetProperty("version", out var value) ? value.GetString() : null;
            packages.Add((package.Name, version));
        }
        return packages;
    }
}
