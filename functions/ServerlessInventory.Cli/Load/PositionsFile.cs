using System.Security.Cryptography;

namespace ServerlessInventory.Cli.Load;

/// <summary>A positions file read as a stream: its content hash, and its rows one at a time.</summary>
internal sealed class PositionsFile(string path)
{
    public string Path { get; } = path;

    public long Length => new FileInfo(Path).Length;

    /// <summary>How far the current read has got, in bytes (to the reader's buffer): what the validation bar shows.</summary>
    public long BytesRead { get; private set; }

    public async Task<string> HashAsync(CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(Path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The header's columns, then every non-blank line parsed (a row or its error), in file order.</summary>
    public async IAsyncEnumerable<(PositionRow? Row, RowError? Error)> ReadAsync(
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(Path, detectEncodingFromByteOrderMarks: true);
        var (csv, headerErrors) = PositionsCsv.FromHeader(await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false));
        foreach (var error in headerErrors)
        {
            yield return (null, error);
        }
        if (csv is null)
        {
            yield break;
        }
        long line = 1;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } text)
        {
            line++;
            BytesRead = reader.BaseStream.Position;
            if (text.Length > 0)
            {
                yield return csv.Parse(line, text);
            }
        }
    }
}
