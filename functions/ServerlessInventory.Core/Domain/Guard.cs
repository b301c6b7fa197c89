using System.Runtime.CompilerServices;

namespace ServerlessInventory.Core.Domain;

/// <summary>Construction-time checks shared by every value object and event.</summary>
public static class Guard
{
    /// <summary>Longest identifier accepted: well inside Cosmos DB's id and partition key limits.</summary>
    public const int MaxIdentifierLength = 128;

    /// <summary>
    /// An absolute https URL, or http to this machine's loopback (a local stand-in or receiver): where bearer tokens and
    /// signed bodies may be sent. Over plain http to another host anyone on the way reads them.
    /// </summary>
    public static bool IsHttpsOrLoopback(Uri url) =>
        url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback));

    public static string Identifier(string? value, [CallerArgumentExpression(nameof(value))] string field = "")
    {
        var name = FieldName(field);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new DomainValidationException(name, "is required");
        }
        if (value.Length > MaxIdentifierLength)
        {
            throw new DomainValidationException(name, $"must be at most {MaxIdentifierLength} characters");
        }
        if (value.Trim().Length != value.Length)
        {
            throw new DomainValidationException(name, "must not start or end with white space");
        }
        // Cosmos DB item ids cannot hold these; rejecting them everywhere keeps every store interchangeable.
        foreach (var c in value)
        {
            if (char.IsControl(c) || c is '/' or '\\' or '?' or '#')
            {
                throw new DomainValidationException(name, "must not contain control characters or any of / \\ ? #");
            }
        }
        return value;
    }

    public static int Positive(int value, [CallerArgumentExpression(nameof(value))] string field = "") =>
        value > 0 ? value : throw new DomainValidationException(FieldName(field), "must be a positive integer");

    public static int NotNegative(int value, [CallerArgumentExpression(nameof(value))] string field = "") =>
        value >= 0 ? value : throw new DomainValidationException(FieldName(field), "must be zero or more");

    public static int NotZero(int value, [CallerArgumentExpression(nameof(value))] string field = "") =>
        value != 0 ? value : throw new DomainValidationException(FieldName(field), "must not be zero");

    public static string Text(string? value, [CallerArgumentExpression(nameof(value))] string field = "") =>
        string.IsNullOrWhiteSpace(value) ? throw new DomainValidationException(FieldName(field), "is required") : value;

    public static T Defined<T>(T value, [CallerArgumentExpression(nameof(value))] string field = "")
        where T : struct, Enum =>
        Enum.IsDefined(value) ? value : throw new DomainValidationException(FieldName(field), $"must be one of {string.Join(", ", Enum.GetNames<T>())}");

    /// <summary>Turns "Quantity" or "data.Quantity" into the camelCase name a client sends.</summary>
    internal static string FieldName(string expression)
    {
        var last = expression.LastIndexOf('.');
        var name = last >= 0 ? expression[(last + 1)..] : expression;
        return name.Length == 0 ? "value" : char.ToLowerInvariant(name[0]) + name[1..];
    }
}
