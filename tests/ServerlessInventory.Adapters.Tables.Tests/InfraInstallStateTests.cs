using System.Security.Cryptography;
using System.Text;
using ServerlessInventory.Testing.Emulators;

namespace ServerlessInventory.Adapters.Tables.Tests;

/// <summary>
/// The rule that decides whether the emulator fixtures run <c>npm ci</c> (<see cref="InfraInstallState"/>), on a
/// throwaway infra folder: a bumped pin must be installed, and an install made by hand (<c>.ci/run</c>) must not be
/// redone. These need no Azurite; they live here because this project already references the Testing library.
/// </summary>
public sealed class InfraInstallStateTests : IDisposable
{
    private const string Azurite335 = """ "node_modules/azurite": { "version": "3.35.0", "integrity": "sha512-a" } """;
    private const string Azurite336 = """ "node_modules/azurite": { "version": "3.36.0", "integrity": "sha512-b" } """;
    private const string Tslib = """ "node_modules/tslib": { "version": "2.8.1", "integrity": "sha512-c" } """;
    private const string Root = """ "": { "name": "serverless-inventory-infra", "dependencies": { "azurite": "3.35.0" } } """;

    private readonly string _infra = Directory.CreateTempSubdirectory("infra-install-state-").FullName;

    private string NodeModules => Path.Combine(_infra, "node_modules");

    public void Dispose() => Directory.Delete(_infra, recursive: true);

    [Fact]
    public void IsCurrent_NoNodeModules_IsFalse()
    {
        WriteLockFile(Root, Azurite335, Tslib);

        InfraInstallState.IsCurrent(_infra).ShouldBeFalse();
    }

    [Fact]
    public void IsCurrent_StampMatchesLockFile_IsTrue()
    {
        WriteLockFile(Root, Azurite335, Tslib);
        Directory.CreateDirectory(NodeModules);

        InfraInstallState.MarkInstalled(_infra);

        InfraInstallState.IsCurrent(_infra).ShouldBeTrue();
        File.ReadAllText(Path.Combine(NodeModules, InfraInstallState.StampFileName)).Trim()
            .ShouldBe(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(_infra, "package-lock.json")))));
    }

    [Fact]
    public void IsCurrent_LockFileBumpedAfterStamp_IsFalse()
    {
        WriteLockFile(Root, Azurite335, Tslib);
        WriteInstalledRecord(Azurite335, Tslib);
        InfraInstallState.MarkInstalled(_infra);

        WriteLockFile(Root, Azurite336, Tslib);

        InfraInstallState.IsCurrent(_infra).ShouldBeFalse();
    }

    [Fact]
    public void IsCurrent_NoStampButNpmRecordEqualsLockFileWithoutRoot_IsTrue()
    {
        WriteLockFile(Root, Azurite335, Tslib);
        WriteInstalledRecord(Tslib, Azurite335);

        InfraInstallState.IsCurrent(_infra).ShouldBeTrue();
    }

    [Fact]
    public void IsCurrent_NpmRecordHasAnOlderVersion_IsFalse()
    {
        WriteLockFile(Root, Azurite336, Tslib);
        WriteInstalledRecord(Azurite335, Tslib);

        InfraInstallState.IsCurrent(_infra).ShouldBeFalse();
    }

    [Fact]
    public void IsCurrent_NpmRecordMissesAPackage_IsFalse()
    {
        WriteLockFile(Root, Azurite335, Tslib);
        WriteInstalledRecord(Azurite335);

        InfraInstallState.IsCurrent(_infra).ShouldBeFalse();
    }

    [Fact]
    public void IsCurrent_NpmRecordHalfWritten_IsFalse()
    {
        WriteLockFile(Root, Azurite335, Tslib);
        Directory.CreateDirectory(NodeModules);
        File.WriteAllText(Path.Combine(NodeModules, ".package-lock.json"), """{ "packages": { "node_modules/azu""");

        InfraInstallState.IsCurrent(_infra).ShouldBeFalse();
    }

    [Fact]
    public void IsCurrent_StampClearedBeforeAnInstall_IsFalse()
    {
        WriteLockFile(Root, Azurite335, Tslib);
        Directory.CreateDirectory(NodeModules);
        InfraInstallState.MarkInstalled(_infra);

        InfraInstallState.ClearStamp(_infra);

        InfraInstallState.IsCurrent(_infra).ShouldBeFalse();
    }

    private void WriteLockFile(params string[] packages) =>
        File.WriteAllText(Path.Combine(_infra, "package-lock.json"), LockFile(packages));

    private void WriteInstalledRecord(params string[] packages)
    {
        Directory.CreateDirectory(NodeModules);
        File.WriteAllText(Path.Combine(NodeModules, ".package-lock.json"), LockFile(packages));
    }

    private static string LockFile(string[] packages) => new StringBuilder()
        .Append("""{ "name": "serverless-inventory-infra", "lockfileVersion": 3, "requires": true, "packages": { """)
        .AppendJoin(", ", packages)
        .Append(" } }")
        .ToString();
}
