namespace ServerlessInventory.Core.Operations;

/// <summary>What an <c>If-Match</c> precondition asks of a channel edit.</summary>
public enum IfMatchKind
{
    /// <summary>No header: create the channel, refusing if it exists.</summary>
    Absent,

    /// <summary><c>*</c>: replace the channel as it is now, whatever it is, if it exists.</summary>
    Any,

    /// <summary>One strong entity tag from a GET: replace the channel only if it is still as that read saw it.</summary>
    Tag,

    /// <summary>Anything else (a list, a weak tag, a tag this API never gave): refused, naming the header.</summary>
    Malformed,
}

/// <summary>An edit's precondition; <see cref="Token"/> is the registry's concurrency token when <see cref="Kind"/> is <see cref="IfMatchKind.Tag"/>.</summary>
public readonly record struct IfMatch(IfMatchKind Kind, string? Token = null);
