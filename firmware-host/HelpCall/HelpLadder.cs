namespace KioskAssist.FirmwareHost.HelpCall;

/// <summary>Ticks the escalation ladder four times a second; the steps themselves are in <see cref="HelpCallCoordinator.Tick"/>.</summary>
public sealed class HelpLadder(HelpCallCoordinator help, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                help.Tick();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
