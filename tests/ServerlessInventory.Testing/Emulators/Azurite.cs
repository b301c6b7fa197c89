using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace ServerlessInventory.Testing.Emulators;

/// <summary>
/// Azurite (Blob, Queue, Table) from <c>infra/</c>'s pinned npm install, started with node directly on free loopback
/// ports, in memory (nothing on disk), and stopped with its process tree on dispose, and on every failed start.
/// Fails loudly, never skips: node missing, the install failing, or Azurite not answering are all errors saying what
/// to do. Unlike the Cosmos DB stand-in it cannot watch its stdin (a third-party CLI; a wrapper script only for that is
/// not worth it), so a test host that crashes without disposing leaves it running until killed.
/// </summary>
public sealed class Azurite : IAsyncDisposable
{
    /// <summary>Azurite's well-known development account and key (public, documented by Microsoft; not a secret).</summary>
    public const string AccountName = "devstoreaccount1";
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _output;

    private Azurite(Process process, StringBuilder output, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        _output = output;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    public Uri TableEndpoint => new($"http://127.0.0.1:{TablePort}/{AccountName}");

    /// <summary>The connection string of the development account at this instance's endpoints.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AccountName};QueueEndpoint=http://127.0.0.1:{QueuePort}/{AccountName};TableEndpoint={TableEndpoint};";

    /// <summary>Installs the pinned packages if needed, starts Azurite and waits until its table port answers.</summary>
    public static async Task<Azurite> StartAsync(CancellationToken cancellationToken)
    {
        var node = await InfraPackages.EnsureInstalledAsync(cancellationToken).ConfigureAwait(false);
        var entry = Path.Combine(InfraPackages.InfraDirectory, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(entry))
        {
            throw new InvalidOperationException($"Azurite's entry point {entry} is missing: delete {InfraPackages.InfraDirectory}/node_modules and run the tests again (they run `npm ci`).");
        }
        // A free port can be taken by someone else before Azurite binds it; a fresh set of ports is tried then.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(node, entry, cancellationToken).ConfigureAwait(false);
            }
            catch (AzuriteStartException) when (attempt < 3)
            {
            }
        }
    }

    /// <summary>Kills Azurite's process tree (everything is in memory: nothing to flush); safe to call twice.</summary>
    public async ValueTask DisposeAsync()
    {
        await ProcessTree.StopAsync(_process).ConfigureAwait(false);
        _process.Dispose();
    }

    private static async Task<Azurite> StartOnceAsync(string node, string entry, CancellationToken cancellationToken)
    {
        var (blob, queue, table) = (LoopbackPorts.Next(), LoopbackPorts.Next(), LoopbackPorts.Next());
        var start = new ProcessStartInfo(node)
        {
            WorkingDirectory = InfraPackages.InfraDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            entry, "--inMemoryPersistence", "--disableTelemetry", "--silent", "--skipApiVersionCheck",
            "--blobHost", "127.0.0.1", "--blobPort", $"{blob}", "--queueHost", "127.0.0.1", "--queuePort", $"{queue}",
            "--tableHost", "127.0.0.1", "--tablePort", $"{table}",
        })
        {
            start.ArgumentList.Add(argument);
        }
        var output = new StringBuilder();
        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start Azurite");
        var azurite = new Azurite(process, output, blob, queue, table);
        try
        {
            // From here on any failure (not listening in time, cancelled, exited) stops the process before rethrowing.
            process.OutputDataReceived += (_, line) => Append(output, line.Data);
            process.ErrorDataReceived += (_, line) => Append(output, line.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await azurite.WaitUntilListeningAsync(cancellationToken).ConfigureAwait(false);
            return azurite;
        }
        catch
        {
            await azurite.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task WaitUntilListeningAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new AzuriteStartException($"Azurite exited with code {_process.ExitCode} before listening on {TablePort}:\n{Output()}");
            }
            if (await AnswersAsync(TablePort, cancellationToken).ConfigureAwait(false) && await AnswersAsync(BlobPort, cancellationToken).ConfigureAwait(false)
                && await AnswersAsync(QueuePort, cancellationToken).ConfigureAwait(false))
            {
                return;
            }
            if (started.Elapsed > StartTimeout)
            {
                throw new InvalidOperationException($"Azurite did not listen on 127.0.0.1:{TablePort} within {StartTimeout.TotalSeconds:0} s:\n{Output()}");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<bool> AnswersAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", port, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    /// <summary>Azurite stopped before it listened: most likely a port taken meanwhile, so worth another try.</summary>
    private sealed class AzuriteStartException(string message) : Exception(message);
}
