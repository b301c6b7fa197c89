// Stand-in for the real public type; public surface as in the real one, body our own.
// Real: Azure/azure-functions-dotnet-worker extensions/Worker.Extensions.Timer/src/TimerTriggerAttribute.cs
// (package Microsoft.Azure.Functions.Worker.Extensions.Timer; namespace Microsoft.Azure.Functions.Worker).
// As in the real type, the constructor sets UseMonitor = true.

using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace Microsoft.Azure.Functions.Worker;

/// <summary>Marks the parameter that receives the <see cref="TimerInfo"/> of a timer-triggered function.</summary>
public sealed class TimerTriggerAttribute : TriggerBindingAttribute
{
    /// <summary>Creates the trigger for a schedule.</summary>
    /// <param name="schedule">A 6-field NCRONTAB expression, or a TimeSpan string (App Service plan only).</param>
    public TimerTriggerAttribute(string schedule)
    {
        Schedule = schedule;
        UseMonitor = true;
    }

    /// <summary>The schedule expression.</summary>
    public string Schedule { get; private set; }

    /// <summary>Whether schedule occurrences are persisted so the schedule survives restarts.</summary>
    public bool UseMonitor { get; set; }

    /// <summary>Whether the function is also invoked once when the host starts.</summary>
    public bool RunOnStartup { get; set; }
}
