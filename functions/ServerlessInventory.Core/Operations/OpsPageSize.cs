using ServerlessInventory.Core.Domain;

namespace ServerlessInventory.Core.Operations;

/// <summary>The page size of every ops listing: bounded, so one request cannot ask a store for everything at once.</summary>
public static class OpsPageSize
{
    public const int Default = 50;

    public const int Max = 500;

    /// <summary>The size asked for, or <see cref="Default"/> when none was; outside 1 to <see cref="Max"/> it names <c>pageSize</c>.</summary>
    public static int From(int? asked) => asked switch
    {
        null => Default,
        { } size and >= 1 and <= Max => size,
        _ => throw new DomainValidationException("pageSize", $"must be from 1 to {Max}"),
    };
}
