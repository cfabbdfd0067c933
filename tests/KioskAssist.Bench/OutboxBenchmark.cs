using System.Diagnostics;
using System.Globalization;
using KioskAssist.FirmwareHost.HelpCall;
using KioskAssist.FirmwareHost.Storage;
using KioskAssist.Protocol;
using KioskAssist.Protocol.Messages;
using Microsoft.Extensions.Options;

namespace KioskAssist.Bench;

/// <summary>
/// Outbox throughput: help requests persisted per second through the kiosk's own <see cref="HelpCallStore"/> — one
/// SQLite transaction per request (the call's record and its outbox message), WAL, <c>synchronous=FULL</c>, so each
/// commit is an fsync — exactly what a press costs before the screen says "saved". One writer, one after another.
/// </summary>
public sealed class OutboxBenchmark(TextWriter output)
{
    public int Run(string directory, int requests, int warmup)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"outbox-bench-{Ids.New()}.db");
        try
        {
            var database = new KioskDatabase(Options.Create(new StorageOptions { Database = path }));
            var outbox = new Outbox(database, TimeProvider.System);
            var store = new HelpCallStore(database, outbox, TimeProvider.System);
            var saves = new Latencies();
            var total = Stopwatch.StartNew();
            for (var i = 0; i < warmup + requests; i++)
            {
                if (i == warmup)
                {
                    total.Restart();
                }

                var (record, message) = Request(i);
                var before = Stopwatch.GetTimestamp();
                store.Save(record, [message]);
                if (i >= warmup)
                {
                    saves.Add(before, Stopwatch.GetTimestamp());
                }
            }

            total.Stop();
            var c = CultureInfo.InvariantCulture;
            output.WriteLine(string.Create(c,
                $"outbox: {requests} requests persisted in {total.Elapsed.TotalSeconds:F2} s = {requests / total.Elapsed.TotalSeconds:F0} requests/s; per save p50 {saves.Percentile(0.5):F2} ms, p99 {saves.Percentile(0.99):F2} ms, max {saves.Max:F2} ms; synchronous={Synchronous(database)} (2 = FULL), journal {JournalMode(database)}, file {path}; pending in outbox {outbox.PendingCount()}; load average {LoadAverage()}"));
            return 0;
        }
        finally
        {
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    /// <summary>A request as a button press makes it: open, revision 1, a short transcript; its retained state message.</summary>
    private static (HelpCallRecord Record, OutboxMessage Message) Request(int i)
    {
        var now = DateTimeOffset.UtcNow;
        var request = new HelpRequestMessage
        {
            Id = Ids.New(),
            Site = "bench",
            Kiosk = "k1",
            Reason = HelpReason.Button,
            Language = "en",
            CreatedAt = now,
            UpdatedAt = now,
            Revision = 1,
            State = HelpState.Open,
            Transcript =
            [
                new TranscriptLine(now, "shopper", string.Create(CultureInfo.InvariantCulture, $"my pay later instalment was declined ({i})")),
                new TranscriptLine(now, "assistant", "(not sure)", "oos", 0.31f),
            ],
        };
        var record = new HelpCallRecord(request, [], [], now, NoticeShown: false);
        return (record, new OutboxMessage(Topics.Request(request.Site, request.Kiosk, request.Id), ProtocolJson.Encode(request), Retain: true));
    }

    private static string Synchronous(KioskDatabase database) => Scalar(database, "PRAGMA synchronous");

    private static string JournalMode(KioskDatabase database) => Scalar(database, "PRAGMA journal_mode");

    private static string Scalar(KioskDatabase database, string sql)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "?";
    }

    private static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
}
