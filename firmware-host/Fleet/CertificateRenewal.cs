using KioskAssist.FirmwareHost.Broker;
using KioskAssist.FirmwareHost.Kiosk;
using KioskAssist.Protocol.Broker;
using Microsoft.Extensions.Options;

namespace KioskAssist.FirmwareHost.Fleet;

/// <summary>
/// Keeps the kiosk's client certificate current without SSH: at every connect and every
/// <c>Certificates:CheckIntervalMinutes</c> it checks the certificate's age; when it is a bundle's bootstrap certificate
/// or past <c>Certificates:RenewAtFraction</c> of its life, it makes a new key here and publishes a request (retained)
/// for the operator's <c>kafleet certs sign-pending</c>. When the signed certificate arrives it checks it, swaps it in
/// and reconnects with it — no restart. Idle when the kiosk has no client certificate (a broker without mutual TLS).
/// </summary>
public sealed class CertificateRenewal(
    IOptions<BrokerSettings> broker, IOptions<KioskOptions> kiosk, IOptions<CertificateOptions> options, KioskBrokerLink link, CertificateInbox inbox,
    TimeProvider time, ILogger<CertificateRenewal> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = broker.Value;
        if (!settings.UseTls || settings.ClientCertificateFile.Length == 0 || settings.CaCertificateFile.Length == 0)
        {
            // Nothing to renew, but the loop stays parked until the kiosk stops: the systemd watchdog pings only while
            // every background loop runs, so a loop that returned here would get a kiosk without TLS restarted.
            await ParkUntilStoppedAsync(stoppingToken);
            return;
        }

        var files = new KioskCertificateFiles(
            settings.ClientCertificateFile, settings.ClientKeyFile, settings.CaCertificateFile, $"kiosk-{kiosk.Value.Site}-{kiosk.Value.Id}");
        if (files.CompleteInterruptedSwap())
        {
            Log.CertificateSwapCompleted(logger, settings.ClientKeyFile);
            await link.ReconnectAsync(stoppingToken);
        }

        var interval = TimeSpan.FromMinutes(options.Value.CheckIntervalMinutes);
        while (!stoppingToken.IsCancellationRequested)
        {
            var message = inbox.Reader.WaitToReadAsync(stoppingToken).AsTask();
            var tick = Task.Delay(interval, time, stoppingToken);
            try
            {
                await Task.WhenAny(message, tick).WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            var checkAge = tick.IsCompletedSuccessfully;
            while (inbox.Reader.TryRead(out var item))
            {
                if (item is null)
                {
                    checkAge = true;
                }
                else
                {
                    await OnCertificateAsync(files, item, stoppingToken);
                }
            }

            if (checkAge)
            {
                await CheckAgeAsync(files, stoppingToken);
            }
        }
    }

    private async Task CheckAgeAsync(KioskCertificateFiles files, CancellationToken cancellationToken)
    {
        try
        {
            using var current = files.LoadCurrent();
            if (!KioskCertificateFiles.IsDue(current, time.GetUtcNow(), options.Value.RenewAtFraction))
            {
                return;
            }

            var request = files.CreateRequest();
            var sent = await link.PublishCertificateRequestAsync(request, cancellationToken);
            Log.CertificateRenewalRequested(logger, current.SerialNumber, current.NotAfter.ToUniversalTime(), KioskCertificateFiles.IsBootstrap(current), sent);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            Log.CertificateRenewalFailed(logger, e.Message);
        }
    }

    private async Task OnCertificateAsync(KioskCertificateFiles files, byte[] pem, CancellationToken cancellationToken)
    {
        string? problem;
        string serial;
        try
        {
            problem = files.TryInstall(pem, time.GetUtcNow(), out serial);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            Log.CertificateRenewalFailed(logger, e.Message);
            return;
        }

        if (problem is not null)
        {
            if (problem != KioskCertificateFiles.AlreadyInUse)
            {
                Log.CertificateIgnored(logger, problem);
            }

            return;
        }

        Log.CertificateRenewed(logger, serial);
        await link.ClearCertificateRequestAsync(cancellationToken);
        await link.ReconnectAsync(cancellationToken);
    }

    private static async Task ParkUntilStoppedAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
