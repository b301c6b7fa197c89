using Cronos;
using Microsoft.Azure.Functions.Worker;
using ServerlessInventory.LocalRunner.Hosting;

namespace ServerlessInventory.LocalRunner.Timers;

/// <summary>
/// Stands in for the timer trigger: each timer function runs on the NCRONTAB schedule its attribute names, read from
/// the same setting Azure reads (<c>%Name%</c> resolved against configuration).
/// </summary>
public sealed partial class TimerScheduler(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider timeProvider, ILogger<TimerScheduler> logger) : BackgroundService
{
    /// <summary>The schedule a timer attribute names, resolved and parsed; throws at start when it is missing or wrong.</summary>
    public static CronExpression ScheduleOf(TimerTriggerAttribute trigger, IConfiguration configuration)
    {
        var schedule = trigger.Schedule;
        var setting = "the attribute";
        if (schedule.Length > 2 && schedule[0] == '%' && schedule[^1] == '%')
        {
            setting = $"app setting '{schedule[1..^1]}'";
            schedule = configuration[schedule[1..^1]] ?? throw new InvalidOperationException($"{setting} (a timer schedule) is not set");
        }
        try
        {
            return CronExpression.Parse(schedule, CronFormat.IncludeSeconds);
        }
        catch (CronFormatException invalid)
        {
            throw new InvalidOperationException($"{setting}: '{schedule}' is not a six-field NCRONTAB schedule: {invalid.Message}", invalid);
        }
    }

    private IReadOnlyList<(FunctionEntry Function, CronExpression Schedule)> _timers = [];

    /// <summary>Resolves every schedule before the host is up, so a missing or malformed one stops start-up with its name.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _timers = [.. FunctionCatalog.WithTrigger<TimerTriggerAttribute>().Select(t => (t.Entry, ScheduleOf(t.Trigger, configuration)))];
        return base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_timers.Select(t => RunAsync(t.Function, t.Schedule, stoppingToken)));

    private async Task RunAsync(FunctionEntry function, CronExpression schedule, CancellationToken stoppingToken)
    {
        var last = timeProvider.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            var next = schedule.GetNextOccurrence(timeProvider.GetUtcNow(), TimeZoneInfo.Utc);
            if (next is not { } due)
            {
                return;
            }
            try
            {
                await Task.Delay(due - timeProvider.GetUtcNow() is { Ticks: > 0 } wait ? wait : TimeSpan.Zero, timeProvider, stoppingToken).ConfigureAwait(false);
                var timer = new TimerInfo { ScheduleStatus = new ScheduleStatus { Last = last.UtcDateTime, Next = due.UtcDateTime, LastUpdated = timeProvider.GetUtcNow().UtcDateTime } };
                await using var scope = scopes.CreateAsyncScope();
                await FunctionInvoker.InvokeAsync(scope.ServiceProvider, function, new Dictionary<Type, object> { [typeof(TimerInfo)] = timer }, null, stoppingToken).ConfigureAwait(false);
                last = due;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception failure)
            {
                LogFailed(logger, function.Name, failure);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Timer function {Function} failed; it runs again at its next occurrence")]
    private static partial void LogFailed(ILogger logger, string function, Exception failure);
}
