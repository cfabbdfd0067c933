using Microsoft.Extensions.Options;

namespace KioskAssist.FirmwareHost.Storage;

/// <summary>
/// Runs <see cref="CallRetention.Sweep"/> at start and then every tenth of the retention (at most hourly, at least every
/// minute), so nothing outlives its retention by more than that.
/// </summary>
public sealed class RetentionSweeper(CallRetention retention, IOptions<StorageOptions> options, TimeProvider time, ILogger<RetentionSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = TimeSpan.FromTicks(Math.Clamp(options.Value.FinishedCallRetention.Ticks / 10, TimeSpan.TicksPerMinute, TimeSpan.TicksPerHour));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var deleted = retention.Sweep();
                if (deleted > 0)
                {
                    Log.FinishedCallsDeleted(logger, deleted, options.Value.FinishedCallRetentionHours);
                }
            }
            catch (Exception e) when (StorageFailure.Is(e))
            {
                Log.RetentionSweepFailed(logger, e.Message);
            }

            try
            {
                await Task.Delay(every, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
