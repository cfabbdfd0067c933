using KioskAssist.FirmwareHost.Hosting;
using KioskAssist.FirmwareHost.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace KioskAssist.Tests.Unit;

/// <summary>What the watchdog vouches for: the kiosk's loops run and its SQLite database (a real file) answers.</summary>
[Trait("Category", "Unit")]
public sealed class KioskLivenessTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly Outbox _outbox;

    public KioskLivenessTests()
    {
        var database = new KioskDatabase(Options.Create(new StorageOptions { Database = _folder.File("kiosk.db") }));
        _outbox = new Outbox(database, TimeProvider.System);
    }

    [Fact]
    public async Task Alive_while_every_loop_runs()
    {
        using var provider = Services<RunningLoop>();
        var loop = (BackgroundService)provider.GetServices<IHostedService>().Single();
        await loop.StartAsync(TestContext.Current.CancellationToken);

        Assert.Null(new KioskLiveness(provider, _outbox).Problem());
        await loop.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_loop_that_ended_is_named()
    {
        using var provider = Services<EndedLoop>();
        var loop = (BackgroundService)provider.GetServices<IHostedService>().Single();
        await loop.StartAsync(TestContext.Current.CancellationToken);
        await loop.ExecuteTask!;

        Assert.Equal("EndedLoop stopped", new KioskLiveness(provider, _outbox).Problem());
    }

    [Fact]
    public void A_database_that_no_longer_answers_is_named()
    {
        using var provider = Services<RunningLoop>();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools(); // closing checkpoints the WAL into the file: do it before spoiling the file
        File.WriteAllText(_folder.File("kiosk.db"), "this is not a SQLite database, and it is long enough to be read as a header.");

        Assert.StartsWith("the database does not answer", new KioskLiveness(provider, _outbox).Problem(), StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();

    private static ServiceProvider Services<TLoop>()
        where TLoop : class, IHostedService
    {
        var services = new ServiceCollection();
        services.AddHostedService<TLoop>();
        return services.BuildServiceProvider();
    }

    private sealed class RunningLoop : BackgroundService
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Delay(Timeout.Infinite, stoppingToken);
    }

    private sealed class EndedLoop : BackgroundService
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;
    }
}
