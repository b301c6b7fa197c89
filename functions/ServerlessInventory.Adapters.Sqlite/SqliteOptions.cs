using System.ComponentModel.DataAnnotations;

namespace ServerlessInventory.Adapters.Sqlite;

public enum SqliteDurability
{
    /// <summary>Survives a crash or kill of the process; the last commits may be lost on power loss. SQLite's advice for WAL.</summary>
    Normal,

    /// <summary>Every commit is flushed to disk before it returns: survives power loss too, at the cost of an fsync per commit.</summary>
    Full,
}

/// <summary>The embedded database. Bound from the <c>Sqlite</c> section and validated at start.</summary>
public sealed class SqliteOptions
{
    public const string SectionName = "Sqlite";

    /// <summary>Path of the database file, created with its schema on first use (default <c>serverless-inventory.db</c> in the working directory).</summary>
    [Required]
    public string DatabasePath { get; set; } = "serverless-inventory.db";

    /// <summary>What a commit survives (default <see cref="SqliteDurability.Normal"/>).</summary>
    public SqliteDurability Durability { get; set; } = SqliteDurability.Normal;

    /// <summary>How long a statement waits for another process's write lock before failing (default 30 s).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
