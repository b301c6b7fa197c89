// Stand-in for the real public type; public surface as in the real one.
// Real: Azure/azure-functions-dotnet-worker extensions/Worker.Extensions.Timer/src/TimerInfo.cs
// (package Microsoft.Azure.Functions.Worker.Extensions.Timer; namespace Microsoft.Azure.Functions.Worker).

namespace Microsoft.Azure.Functions.Worker;

/// <summary>The schedule information of one timer invocation.</summary>
public class TimerInfo
{
    /// <summary>The schedule status; null unless schedule monitoring is on.</summary>
    public ScheduleStatus? ScheduleStatus { get; set; }

    /// <summary>Whether this invocation is for a missed occurrence.</summary>
    public bool IsPastDue { get; set; }
}
