using System.Diagnostics;
using System.Net.Security;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Azure.Cosmos;
using Xunit;

namespace ServerlessInventory.Testing.Emulators;

/// <summary>
/// A Cosmos DB endpoint for tests. By default it starts the project's stand-in (<c>infra/cosmos-standin</c>: the
/// pinned in-memory <c>@vercel/cosmosdb-server</c> with the fixes the .NET SDK needs) as a node process on a free
/// loopback port; when <c>COSMOS_ENDPOINT</c> is set (with <c>COSMOS_KEY</c>, default the emulator's well-known key)
/// it starts nothing and targets that emulator or account instead, so the same tests run against the real thing.
/// Meant as an xunit assembly fixture: one endpoint serves a test assembly, and tests keep apart by names of their
/// own (<see cref="UniqueName"/>) and partition keys of their own. The stand-in never outlives the fixture: a failed
/// start stops it, and it runs with <c>--exit-with-stdin</c> on a pipe this fixture holds, so even a test host that
/// crashes (and never disposes anything) takes it down when the OS closes that pipe.
/// </summary>
public sealed partial class CosmosStandIn : IAsyncLifetime
{
    /// <summary>The Cosmos DB emulator's published key. The stand-in ignores auth, but the SDK needs a valid key to sign with.</summary>
    public const string EmulatorKey = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(2);
    private const int StartAttempts = 3;
    private readonly StringBuilder _output = new();
    private Process? _process;
    private StreamWriter? _stdin;

    /// <summary>The account endpoint: the stand-in's <c>https://127.0.0.1:port/</c>, or <c>COSMOS_ENDPOINT</c>.</summary>
    public Uri Endpoint { get; private set; } = new("https://127.0.0.1/");

    /// <summary>The key to sign requests with.</summary>
    public string AccountKey { get; private set; } = EmulatorKey;

    /// <summary>True when this fixture runs the stand-in; false when it targets <c>COSMOS_ENDPOINT</c>.</summary>
    public bool IsStandIn => _process is not null;

    /// <summary>A name no other test uses (databases and containers), so tests can share one endpoint.</summary>
    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    /// <summary>
    /// A client set up as the stand-in (and the emulator) need: Gateway mode, only the given endpoint (the stand-in
    /// advertises no other regions), and a self-signed certificate trusted for loopback hosts only. The caller owns it.
    /// </summary>
    public CosmosClient CreateClient(Action<CosmosClientOptions>? configure = null)
    {
        var options = new CosmosClientOptions
        {
            ConnectionMode = ConnectionMode.Gateway,
            LimitToEndpoint = true,
            HttpClientFactory = () => new HttpClient(CreateHandler(), disposeHandler: true),
        };
        configure?.Invoke(options);
        return new CosmosClient(Endpoint.AbsoluteUri, AccountKey, options);
    }

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable("COSMOS_ENDPOINT");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            Endpoint = new Uri(configured);
            var key = Environment.GetEnvironmentVariable("COSMOS_KEY");
            AccountKey = string.IsNullOrWhiteSpace(key) ? EmulatorKey : key;
            return;
        }
        // A fresh clone runs npm ci first, which takes far longer than the stand-in's start: it gets its own limit.
        using var install = new CancellationTokenSource(InstallTimeout);
        var node = await InfraPackages.EnsureInstalledAsync(install.Token).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Endpoint = await StartAsync(node, LoopbackPorts.Next(), CancellationToken.None).ConfigureAwait(false);
                return;
            }
            catch (StandInExitedException) when (attempt < StartAttempts)
            {
                // Most likely the free port was taken between choosing and binding it: try another.
                await StopAsync().ConfigureAwait(false);
            }
            catch
            {
                // Not ready in time, or out of attempts: a fixture that failed to initialize may never be disposed.
                await StopAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private async Task<Uri> StartAsync(string node, int port, CancellationToken cancellationToken)
    {
        var script = Path.Combine(InfraPackages.InfraDirectory, "cosmos-standin", "server.js");
        var arguments = new[] { script, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--host", "127.0.0.1", "--exit-with-stdin" };
        var start = new ProcessStartInfo(node, arguments)
        {
            WorkingDirectory = InfraPackages.InfraDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var ready = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process = started;
        started.OutputDataReceived += (_, line) => OnOutput(line.Data, ready);
        started.ErrorDataReceived += (_, line) => OnOutput(line.Data, null);
        started.Exited += (_, _) => OnExited(started, ready);
        if (!started.Start())
        {
            throw new InvalidOperationException($"{node} {script} did not start");
        }
        // The pipe stays open (never written) until StopAsync closes it: its end is the stand-in's signal to exit.
        _stdin = started.StandardInput;
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        try
        {
            return await ready.Task.WaitAsync(ReadyTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"the Cosmos DB stand-in did not say it was listening within {ReadyTimeout.TotalSeconds:0} s:\n{Output()}");
        }
    }

    private void OnExited(Process exited, TaskCompletionSource<Uri> ready)
    {
        if (ready.Task.IsCompleted)
        {
            return; // it was ready (and is being stopped): not a start failure
        }
        var code = "unknown";
        try
        {
            exited.WaitForExit(); // drains what it wrote, so the error names the cause (a taken port, a missing package)
            code = exited.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (InvalidOperationException)
        {
            // Already disposed by StopAsync: the output gathered so far is all there is.
        }
        ready.TrySetException(new StandInExitedException($"the Cosmos DB stand-in exited (code {code}) before it was ready:\n{Output()}"));
    }

    private void OnOutput(string? line, TaskCompletionSource<Uri>? ready)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
        var match = ReadyLine().Match(line);
        if (ready is not null && match.Success)
        {
            ready.TrySetResult(new Uri(match.Groups["endpoint"].Value));
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    /// <summary>Closes the stand-in's stdin (it exits at once), kills its tree if it did not; safe to call twice.</summary>
    private async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }
        try
        {
            await ProcessTree.StopAsync(_process, _stdin, StopGrace).ConfigureAwait(false);
        }
        finally
        {
            _process.Dispose();
            _process = null;
            _stdin = null;
        }
    }

    private static HttpClientHandler CreateHandler() => new()
    {
        // The stand-in serves the package's self-signed certificate, the emulator its own: trust those on loopback only.
        ServerCertificateCustomValidationCallback = (request, _, _, errors) =>
            errors == SslPolicyErrors.None || request.RequestUri is { IsLoopback: true },
    };

    [GeneratedRegex(@"listening on (?<endpoint>https?://\S+)")]
    private static partial Regex ReadyLine();

    private sealed class StandInExitedException(string message) : Exception(message);
}
