using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ServerlessInventory.LocalRunner.Tests.Support;

/// <summary>
/// The real local runner as a child process: its built dll started with <c>dotnet</c>, on a free loopback port, with a
/// SQLite file in a temporary folder of its own and test-specific settings as command-line arguments (the runner's
/// own <c>appsettings.json</c> next to the dll supplies the rest). Its stdout and stderr are captured for diagnostics.
/// <see cref="Kill"/> is a hard kill (SIGKILL, no drain); <see cref="RestartAsync"/> starts it again on the same
/// database; disposing kills it and deletes the folder. When the settings give <c>LocalRunner:OpsKey</c>, <see cref="Http"/>
/// sends it in <c>x-functions-key</c> as a channel or an operator would; a test wanting a keyless client makes its own.
/// </summary>
public sealed class LocalRunnerProcess : IAsyncDisposable
{
    /// <summary>Longest wait for a started runner to answer. A cold start on this machine takes 1 to 3 s.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private const int MaxCapturedLines = 3000;
    private const int StartAttempts = 3;
    private const string OpsKeySetting = "LocalRunner:OpsKey";

    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly Queue<string> _output = new();
    private readonly Lock _outputGate = new();
    private Process? _process;
    private HttpClient? _http;
    private int _droppedLines;
    private int _starts;
    private volatile bool _portTaken;

    private LocalRunnerProcess(IReadOnlyDictionary<string, string> settings)
    {
        _settings = settings;
        TempDirectory = Directory.CreateTempSubdirectory("si-e2e-").FullName;
        DatabasePath = Path.Combine(TempDirectory, "inventory.db");
    }

    /// <summary>The built runner: the referenced project's output, copied next to the tests.</summary>
    public static string RunnerDll { get; } = typeof(Program).Assembly.Location;

    public string TempDirectory { get; }

    public string DatabasePath { get; }

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>A client of the running process; replaced on each (re)start.</summary>
    public HttpClient Http => _http ?? throw new InvalidOperationException("the runner is not started");

    public RunnerApi Api => new(Http);

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The key the runner was started with (<c>LocalRunner:OpsKey</c>), or null when it asks for none.</summary>
    public string? OpsKey => _settings.TryGetValue(OpsKeySetting, out var key) ? key : null;

    /// <summary>Everything the runner printed so far (the last lines, when it printed a lot), for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_outputGate)
            {
                var text = new StringBuilder();
                if (_droppedLines > 0)
                {
                    text.Append(CultureInfo.InvariantCulture, $"[{_droppedLines} earlier lines dropped]\n");
                }
                foreach (var line in _output)
                {
                    text.Append(line).Append('\n');
                }
                return text.ToString();
            }
        }
    }

    /// <summary>Starts a runner with these settings (keys as configuration paths, e.g. <c>Webhooks:MaxBodyBytes</c>).</summary>
    public static async Task<LocalRunnerProcess> StartAsync(IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken)
    {
        var runner = new LocalRunnerProcess(settings);
        try
        {
            await runner.StartProcessAsync(cancellationToken);
            return runner;
        }
        catch
        {
            await runner.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the runner again on the same database (after <see cref="Kill"/>), on a new free port.</summary>
    public Task RestartAsync(CancellationToken cancellationToken)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("the runner is still running; Kill() it first");
        }
        return StartProcessAsync(cancellationToken);
    }

    /// <summary>Hard kill: SIGKILL to the process tree, no graceful shutdown, nothing drained or flushed.</summary>
    public void Kill()
    {
        if (_process is not { } process)
        {
            return;
        }
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
            process.WaitForExit(TimeSpan.FromSeconds(15));
        }
        catch (InvalidOperationException)
        {
            // It exited on its own in between.
        }
        Capture($"--- runner killed (pid {process.Id}) ---");
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        _process?.Dispose();
        _process = null;
        _http?.Dispose();
        _http = null;
        await DeleteTempDirectoryAsync();
    }

    private async Task StartProcessAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(RunnerDll))
        {
            throw new InvalidOperationException($"the runner was not built: {RunnerDll} does not exist");
        }
        var contentRoot = Path.GetDirectoryName(RunnerDll)!;
        if (!File.Exists(Path.Combine(contentRoot, "appsettings.json")))
        {
            throw new InvalidOperationException($"the runner's appsettings.json is not next to {RunnerDll}");
        }

        for (var attempt = 1; ; attempt++)
        {
            var port = FreeLoopbackPort();
            _process?.Dispose();
            _process = Launch(contentRoot, port);
            BaseAddress = new Uri($"http://127.0.0.1:{port}/");
            _http?.Dispose();
            _http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
            if (OpsKey is { } key)
            {
                _http.DefaultRequestHeaders.Add("x-functions-key", key);
            }
            try
            {
                await WaitUntilAnswersAsync(cancellationToken);
                return;
            }
            catch (RunnerExitedException) when (attempt < StartAttempts && _portTaken)
            {
                // Another process took the port between our probe and the runner's bind: try another one.
            }
        }
    }

    private Process Launch(string contentRoot, int port)
    {
        _starts++;
        _portTaken = false;
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = contentRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(RunnerDll);
        var arguments = new Dictionary<string, string>(_settings, StringComparer.OrdinalIgnoreCase)
        {
            ["contentRoot"] = contentRoot,
            ["Urls"] = $"http://127.0.0.1:{port}",
            ["Sqlite:DatabasePath"] = DatabasePath,
        };
        // A secret goes in the environment, as a deployment would pass it: a command line is visible to anyone
        // listing processes, and it is printed below.
        if (arguments.Remove(OpsKeySetting, out var opsKey))
        {
            start.Environment["LocalRunner__OpsKey"] = opsKey;
        }
        foreach (var (key, value) in arguments)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        // One line per log entry, so that the captured output reads well inside a failure message.
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";

        Capture($"--- start #{_starts}: dotnet {string.Join(' ', start.ArgumentList.Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"\"{a}\"" : a))} ---");
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, line) => Capture(line.Data);
        process.ErrorDataReceived += (_, line) => Capture(line.Data is null ? null : "stderr: " + line.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException("the runner process did not start");
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Polls the OpenAPI document until it answers 200, failing at once if the process exits.</summary>
    private async Task WaitUntilAnswersAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process!.HasExited)
            {
                // Let the output readers drain what the process printed before it died.
                _process.WaitForExit();
                throw new RunnerExitedException($"the runner exited with code {_process.ExitCode} before it answered:\n{Output}");
            }
            try
            {
                using var probe = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(probe.Token, cancellationToken);
                using var response = await Http.GetAsync(new Uri("openapi/v1.json", UriKind.Relative), linked.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // One probe timed out; the overall deadline decides.
            }
            if (started.Elapsed > StartTimeout)
            {
                Kill();
                throw new TimeoutException($"the runner did not answer GET /openapi/v1.json within {StartTimeout.TotalSeconds:0} s:\n{Output}");
            }
            await Task.Delay(100, cancellationToken);
        }
    }

    private void Capture(string? line)
    {
        if (line is null)
        {
            return;
        }
        if (line.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            _portTaken = true;
        }
        lock (_outputGate)
        {
            _output.Enqueue(line);
            while (_output.Count > MaxCapturedLines)
            {
                _output.Dequeue();
                _droppedLines++;
            }
        }
    }

    private async Task DeleteTempDirectoryAsync()
    {
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            try
            {
                if (Directory.Exists(TempDirectory))
                {
                    Directory.Delete(TempDirectory, recursive: true);
                }
                return;
            }
            catch (IOException) when (attempt < 5)
            {
                await Task.Delay(200);
            }
            catch (UnauthorizedAccessException) when (attempt < 5)
            {
                await Task.Delay(200);
            }
        }
    }

    /// <summary>The <c>dotnet</c> that runs these tests (set by the SDK for child processes), else the one on PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>A port nobody listens on right now; the runner binds it a moment later (a lost race is retried).</summary>
    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private sealed class RunnerExitedException(string message) : Exception(message);
}
