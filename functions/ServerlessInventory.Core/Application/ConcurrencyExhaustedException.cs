using ServerlessInventory.Core.Domain;

namespace ServerlessInventory.Core.Application;

/// <summary>
/// Other writers kept committing to the SKU first for every allowed attempt. Transient: the message that
/// asked for the decision is redelivered, or the HTTP caller retries.
/// </summary>
public sealed class ConcurrencyExhaustedException : Exception
{
    public ConcurrencyExhaustedException(Sku sku, int attempts)
        : base($"SKU '{sku}' kept changing under {attempts} attempts; try again")
    {
        Sku = sku;
        Attempts = attempts;
    }

    public ConcurrencyExhaustedException() { }

    public ConcurrencyExhaustedException(string message) : base(message) { }

    public ConcurrencyExhaustedException(string message, Exception innerException) : base(message, innerException) { }

    public Sku Sku { get; }

    public int Attempts { get; }
}
