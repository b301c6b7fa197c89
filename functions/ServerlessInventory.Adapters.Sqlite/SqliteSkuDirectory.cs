using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Adapters.Sqlite;

/// <summary>The SKUs of the SQLite master, from its head rows (one per SKU ever committed).</summary>
public sealed class SqliteSkuDirectory(SqliteDatabase database) : ISkuDirectory
{
    public Task<IReadOnlyList<Sku>> ListSkusAsync(Sku? after, int pageSize, CancellationToken cancellationToken) =>
        Task.FromResult(database.Read<IReadOnlyList<Sku>>((connection, transaction) =>
        {
            // Ordinal (BINARY collation), the order the contract promises whatever the store.
            using var command = connection.Command(transaction,
                "SELECT sku FROM sku_heads WHERE sku > $after ORDER BY sku LIMIT $take",
                ("$after", after?.Value ?? string.Empty), ("$take", pageSize));
            var skus = new List<Sku>(pageSize);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                skus.Add(new Sku(reader.GetString(0)));
            }
            return skus;
        }));
}
