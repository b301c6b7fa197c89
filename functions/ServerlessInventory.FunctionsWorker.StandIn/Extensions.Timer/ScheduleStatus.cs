// Stand-in for the real public type; public surface as in the real one.
// Real: Azure/azure-functions-dotnet-worker extensions/Worker.Extensions.Timer/src/ScheduleStatus.cs
// (package Microsoft.Azure.Functions.Worker.Extensions.Timer; namespace Microsoft.Azure.Functions.Worker).

namespace Microsoft.Azure.Functions.Worker;

/// <summary>A timer schedule's status.</summary>
public class ScheduleStatus
{
    /// <summary>The last recorded occurrence.</summary>
    public DateTime Last { get; set; }

    /// <summary>The expected next occurrence.</summary>
    public DateTime Next { get; set; }

    /// <summary>When this record was last updated.</summary>
    public DateTime LastUpdated { get; set; }
}
