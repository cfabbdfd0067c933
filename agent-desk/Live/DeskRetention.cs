using KioskAssist.AgentDesk.Hosting;
using Microsoft.Extensions.Options;

namespace KioskAssist.AgentDesk.Live;

/// <summary>
/// Forgets requests unchanged for <c>Desk:TranscriptRetentionHours</c>: normally the kiosk clears a finished request
/// long before, but a kiosk that went away for good would leave its last transcript on every desk for ever.
/// Sweeps every tenth of the retention, between 10 seconds and 1 hour.
/// </summary>
public sealed class DeskRetention(DeskState state, IOptions<DeskOptions> options, TimeProvider time, ILogger<DeskRetention> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retention = TimeSpan.FromHours(options.Value.TranscriptRetentionHours);
        var every = TimeSpan.FromTicks(Math.Clamp(retention.Ticks / 10, TimeSpan.FromSeconds(10).Ticks, TimeSpan.FromHours(1).Ticks));
        using var timer = new PeriodicTimer(every, time);
        try
        {
            do
            {
                var forgotten = state.ForgetUnchangedFor(retention);
                if (forgotten > 0)
                {
                    Log.RequestsForgotten(logger, forgotten, options.Value.TranscriptRetentionHours);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
