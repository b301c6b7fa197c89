using System.Security.Cryptography;
using System.Text;

namespace ServerlessInventory.Core.Domain;

/// <summary>
/// An event's identity, as CloudEvents defines it: its <see cref="Source"/> and its <see cref="Id"/>, since every
/// channel numbers its own events. <see cref="Value"/> is the one dedupe key every store, the local topic and the
/// Service Bus message id use, so two channels that both send id <c>1001</c> never meet, and a channel that resends
/// its own <c>1001</c> always does.
/// </summary>
/// <remarks>
/// Format: the source with <c>~</c>, <c>:</c> and <c>*</c> escaped as <c>~~</c>, <c>~c</c> and <c>~s</c>, then <c>:</c>,
/// then the id as sent (<c>pos:1001</c>). The escaped source holds no <c>:</c>, so the first one ends it and no two
/// identities share a key. A key longer than <see cref="MaxLength"/> (a Service Bus message id's limit) becomes
/// <c>*</c>, its first 62 characters, <c>~</c> and the SHA-256 of the whole key in hex: no plain key starts with
/// <c>*</c>, so the two forms never meet, and two long keys share one only if SHA-256 collides. Either form passes
/// <see cref="Guard.Identifier"/> (no <c>/ \ ? #</c>, no control characters, no outer white space), so it is a valid
/// Cosmos DB item id, Table storage row key and SQLite key.
/// </remarks>
public readonly record struct EventKey
{
    /// <summary>The longest key: what a Service Bus message id holds.</summary>
    public const int MaxLength = Guard.MaxIdentifierLength;

    private const int HashedPrefixLength = MaxLength - 2 - (SHA256.HashSizeInBytes * 2);

    public EventKey(ChannelId source, EventId id)
    {
        Source = source;
        Id = id;
        Value = Derive(source, id);
    }

    public ChannelId Source { get; }

    public EventId Id { get; }

    public string Value { get; }

    public override string ToString() => Value;

    private static string Derive(ChannelId source, EventId id)
    {
        var plain = new StringBuilder(source.Value.Length + id.Value.Length + 1);
        foreach (var c in source.Value)
        {
            _ = c switch
            {
                '~' => plain.Append("~~"),
                ':' => plain.Append("~c"),
                '*' => plain.Append("~s"),
                _ => plain.Append(c),
            };
        }
        var key = plain.Append(':').Append(id.Value).ToString();
        return key.Length <= MaxLength
            ? key
            : $"*{key[..HashedPrefixLength]}~{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))}";
    }
}
