using ServerlessInventory.Core.Domain;

namespace ServerlessInventory.Cli.Load;

/// <summary>One valid row of a positions file, at its 1-based <paramref name="Line"/>.</summary>
internal sealed record PositionRow(long Line, Sku Sku, LocationId Location, int OnHand, int Unsellable);

/// <summary>Why a row (or the header) cannot be loaded: the line, the column, the reason.</summary>
internal sealed record RowError(long Line, string Field, string Reason)
{
    public override string ToString() => $"line {Line}: {Field}: {Reason}";
}
