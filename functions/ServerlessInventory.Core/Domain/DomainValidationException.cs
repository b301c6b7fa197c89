namespace ServerlessInventory.Core.Domain;

/// <summary>
/// Thrown when a value object or event is constructed from values that break its rules.
/// Boundaries that accept outside input (parsers, HTTP) catch it once and turn it into a result
/// that names <see cref="Field"/>, so the rules live only in the constructors.
/// </summary>
public sealed class DomainValidationException : Exception
{
    public DomainValidationException(string field, string reason)
        : base($"{field}: {reason}")
    {
        Field = field;
        Reason = reason;
    }

    public DomainValidationException() : this("value", "invalid") { }

    public DomainValidationException(string message) : this("value", message) { }

    public DomainValidationException(string message, Exception innerException) : base(message, innerException)
    {
        Field = "value";
        Reason = message;
    }

    /// <summary>camelCase name of the offending field, as a client would spell it.</summary>
    public string Field { get; } = "value";

    public string Reason { get; } = "invalid";
}
