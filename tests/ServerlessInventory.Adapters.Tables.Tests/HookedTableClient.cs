using Azure;
using Azure.Data.Tables;

namespace ServerlessInventory.Adapters.Tables.Tests;

/// <summary>
/// A real table client (every call still goes to Azurite) that runs a step of the test at a chosen point of a store's
/// call sequence: right after a head is replaced, right before a head is added, right after a point read. The SDK's
/// methods are virtual for this, so a race can be laid out step by step instead of hoped for with timing.
/// </summary>
internal sealed class HookedTableClient(string connectionString, string tableName) : TableClient(connectionString, tableName)
{
    /// <summary>Runs after an entity was replaced, before the store sees the response.</summary>
    public Func<Task>? AfterUpdate { get; set; }

    /// <summary>Runs before an entity is added.</summary>
    public Func<Task>? BeforeAdd { get; set; }

    /// <summary>Runs after an entity was deleted (or found missing), with its partition, before the store sees the response.</summary>
    public Func<string, Task>? AfterDelete { get; set; }

    /// <summary>Runs after a point read, before the store sees what it read.</summary>
    public Func<Task>? AfterGet { get; set; }

    public override async Task<Response> UpdateEntityAsync<T>(T entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
    {
        var response = await base.UpdateEntityAsync(entity, ifMatch, mode, cancellationToken);
        await (AfterUpdate?.Invoke() ?? Task.CompletedTask);
        return response;
    }

    public override async Task<Response> AddEntityAsync<T>(T entity, CancellationToken cancellationToken = default)
    {
        await (BeforeAdd?.Invoke() ?? Task.CompletedTask);
        return await base.AddEntityAsync(entity, cancellationToken);
    }

    public override async Task<NullableResponse<T>> GetEntityIfExistsAsync<T>(string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
    {
        var response = await base.GetEntityIfExistsAsync<T>(partitionKey, rowKey, select, cancellationToken);
        await (AfterGet?.Invoke() ?? Task.CompletedTask);
        return response;
    }

    public override async Task<Response> DeleteEntityAsync(string partitionKey, string rowKey, ETag ifMatch = default, CancellationToken cancellationToken = default)
    {
        var response = await base.DeleteEntityAsync(partitionKey, rowKey, ifMatch, cancellationToken);
        await (AfterDelete?.Invoke(partitionKey) ?? Task.CompletedTask);
        return response;
    }
}
