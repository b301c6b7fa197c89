namespace ServerlessInventory.Core.Operations.Health;

/// <summary>
/// Names where a stored figure came from, by the adapter that holds it (<c>push state (SQLite)</c>): Core sees only the
/// port, and an operator reading the report needs the store, not the interface.
/// </summary>
internal static class SourceName
{
    public static string Of(object port, string what)
    {
        var type = port.GetType().Name;
        var store = type switch
        {
            _ when type.StartsWith("Sqlite", StringComparison.Ordinal) => "SQLite",
            _ when type.StartsWith("Tables", StringComparison.Ordinal) => "Table storage",
            _ when type.StartsWith("Cosmos", StringComparison.Ordinal) => "Cosmos DB",
            _ when type.StartsWith("InMemory", StringComparison.Ordinal) => "in memory",
            _ => type,
        };
        return $"{what} ({store})";
    }
}
