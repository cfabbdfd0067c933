using System.Buffers;
using System.Text;
using KioskAssist.Protocol;
using KioskAssist.Protocol.Messages;
using KioskAssist.Provisioning;

namespace KioskAssist.Tests.Unit;

/// <summary><c>kafleet status</c>'s join of the registry with retained presence and metrics, and its table, without a broker.</summary>
[Trait("Category", "Unit")]
public sealed class FleetStatusReportTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Kiosks_are_online_offline_never_seen_or_revoked_and_the_summary_counts_them()
    {
        var seen = new FleetObservations();
        Observe(seen, Topics.Presence("s1", "k1"), Presence("s1", "k1", "online", at: Now.AddMinutes(-1), onlineSince: Now.AddHours(-2)));
        // k2's Last Will was made when it started (08:00); its last metrics report (09:50) is its last sign of life.
        Observe(seen, Topics.Presence("s1", "k2"), Presence("s1", "k2", "offline", at: Now.AddHours(-2)));
        Observe(seen, Topics.Metrics("s1", "k2"), Metrics("s1", "k2", at: Now.AddMinutes(-10), answered: 4));
        Observe(seen, Topics.Presence("s1", "k4"), Presence("s1", "k4", "online", at: Now.AddDays(-3)));
        Observe(seen, Topics.Presence("s1", "zz"), Presence("s1", "zz", "online", at: Now.AddMinutes(-5)));

        var report = FleetStatusReport.Build(
            [Certificate("s1", "k1", CertificateStatus.Active), Certificate("s1", "k2", CertificateStatus.Superseded), Certificate("s1", "k2", CertificateStatus.Active),
             Certificate("s1", "k3", CertificateStatus.Active), Certificate("s1", "k4", CertificateStatus.Revoked), Certificate("s2", "k9", CertificateStatus.Active)],
            seen, "mqtts://broker:8883", "s1", Now);

        Assert.Equal(["k1", "k2", "k3", "k4", "zz"], report.Kiosks.Select(k => k.Kiosk));
        var (k1, k2, k3, k4, zz) = (report.Kiosks[0], report.Kiosks[1], report.Kiosks[2], report.Kiosks[3], report.Kiosks[4]);
        Assert.Equal((KioskState.Online, Now.AddHours(-2)), (k1.State, k1.Since));
        Assert.Equal((KioskState.Offline, Now.AddMinutes(-10)), (k2.State, k2.Since));
        Assert.Equal(4, k2.Metrics!.Today.Answered);
        Assert.Equal((KioskState.NeverSeen, (DateTimeOffset?)null, RegistryState.Active), (k3.State, k3.Since, k3.Registry));
        Assert.Equal(RegistryState.Revoked, k4.Registry);
        Assert.Equal(RegistryState.NotInRegistry, zz.Registry);
        Assert.Equal(new StatusSummary(Online: 2, Offline: 1, NeverSeen: 1, Revoked: 1, Malformed: 0), report.Summary);
    }

    [Fact]
    public void A_clean_goodbye_is_later_than_the_last_metrics_and_gives_the_offline_time()
    {
        var seen = new FleetObservations();
        Observe(seen, Topics.Metrics("s1", "k1"), Metrics("s1", "k1", at: Now.AddMinutes(-3), answered: 1));
        Observe(seen, Topics.Presence("s1", "k1"), Presence("s1", "k1", "offline", at: Now.AddMinutes(-2)));

        var kiosk = Assert.Single(FleetStatusReport.Build([Certificate("s1", "k1", CertificateStatus.Active)], seen, "b", null, Now).Kiosks);

        Assert.Equal(Now.AddMinutes(-2), kiosk.Since);
    }

    [Fact]
    public void Malformed_retained_messages_are_counted_and_listed_not_fatal()
    {
        var seen = new FleetObservations();
        Observe(seen, Topics.Presence("s1", "k1"), "not json");
        Observe(seen, Topics.Presence("s1", "k2"), Presence("s1", "k1", "online", at: Now)); // names another kiosk than its topic
        Observe(seen, Topics.Metrics("s1", "k3"), """{"v":1,"site":"s1","kiosk":"k3"}""");
        Observe(seen, "ka/v1/presence/s1/k4/extra", Presence("s1", "k4", "online", at: Now));
        Observe(seen, Topics.Presence("s1", "k5"), Presence("s1", "k5", "online", at: Now));

        var report = FleetStatusReport.Build([], seen, "mqtts://broker:8883", null, Now);
        using var table = new StringWriter();
        StatusTable.Write(report, table);

        Assert.Equal(4, report.Summary.Malformed);
        Assert.Equal(
            [Topics.Presence("s1", "k1"), Topics.Presence("s1", "k2"), Topics.Metrics("s1", "k3"), "ka/v1/presence/s1/k4/extra"],
            report.Malformed.Select(m => m.Topic));
        Assert.Contains("about s1/k1, not s1/k2", report.Malformed[1].Problem, StringComparison.Ordinal);
        Assert.Equal(["k5"], report.Kiosks.Select(k => k.Kiosk));
        Assert.Contains("4 malformed retained messages ignored:", table.ToString(), StringComparison.Ordinal);
        Assert.Contains($"  {Topics.Presence("s1", "k1")}: not a valid PresenceMessage", table.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_table_shows_todays_counts_and_a_dash_for_a_report_from_another_day()
    {
        var seen = new FleetObservations();
        Observe(seen, Topics.Presence("s1", "k1"), Presence("s1", "k1", "online", at: Now, onlineSince: Now.AddMinutes(-5)));
        Observe(seen, Topics.Metrics("s1", "k1"), Metrics("s1", "k1", at: Now, answered: 17, handed: 2, median: 12.4));
        Observe(seen, Topics.Presence("s1", "k2"), Presence("s1", "k2", "offline", at: Now.AddDays(-1)));
        Observe(seen, Topics.Metrics("s1", "k2"), Metrics("s1", "k2", at: Now.AddDays(-1), answered: 99));

        var report = FleetStatusReport.Build(
            [Certificate("s1", "k1", CertificateStatus.Active), Certificate("s1", "k2", CertificateStatus.Active), Certificate("s1", "k3", CertificateStatus.Revoked)],
            seen, "mqtts://broker:8883", null, Now);
        using var output = new StringWriter();
        StatusTable.Write(report, output);
        var lines = output.ToString().Split('\n').Select(l => l.TrimEnd('\r')).ToList();

        Assert.Equal("Fleet status from mqtts://broker:8883 at 2026-11-28 10:00:00 UTC; counts are for 2026-11-28 (UTC).", lines[0]);
        Assert.Matches(@"^SITE\s+KIOSK\s+STATE\s+SINCE\s+SINCE \(UTC\)\s+FIRMWARE\s+MODEL\s+ANSWERS\s+ANSWERED\s+HANDED\s+MEDIAN CLAIM$", lines[2]);
        Assert.Matches(@"^s1\s+k1\s+online\s+5m ago\s+2026-11-28 09:55:00\s+1\.0\.0\s+m1\s+a1\s+17\s+2\s+12\.4 s$", lines[3]);
        Assert.Matches(@"^s1\s+k2\s+offline\s+1d00h ago\s+2026-11-27 10:00:00\s+1\.0\.0\s+m1\s+a1\s+-\s+-\s+-$", lines[4]);
        Assert.Matches(@"^s1\s+k3\s+never seen \(revoked\)\s+-\s+-\s+-\s+-\s+-\s+-\s+-\s+-$", lines[5]);
        Assert.Equal("1 online, 1 offline, 0 never seen; 1 revoked (not counted).", lines[7]);
    }

    [Theory]
    [InlineData(0, "0s ago")]
    [InlineData(59, "59s ago")]
    [InlineData(60, "1m ago")]
    [InlineData(3599, "59m ago")]
    [InlineData(3900, "1h05m ago")]
    [InlineData(90_000, "1d01h ago")]
    [InlineData(-30, "0s ago")]
    public void Relative_times_read_in_the_largest_useful_unit(int secondsAgo, string expected) =>
        Assert.Equal(expected, StatusTable.Ago(Now.AddSeconds(-secondsAgo), Now));

    private static void Observe(FleetObservations seen, string topic, string payload) =>
        seen.Observe(topic, new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(payload)));

    private static string Presence(string site, string kiosk, string status, DateTimeOffset at, DateTimeOffset? onlineSince = null) =>
        Encoding.UTF8.GetString(ProtocolJson.Encode(new PresenceMessage(site, kiosk, status, "1.0.0", "m1", at) { Answers = "a1", OnlineSince = onlineSince }));

    private static string Metrics(string site, string kiosk, DateTimeOffset at, int answered, int handed = 0, double? median = null)
    {
        var counts = new MetricsCounts(answered, 0, handed, handed);
        return Encoding.UTF8.GetString(ProtocolJson.Encode(new KioskMetricsMessage(
            site, kiosk, at, at.AddHours(-3), 3 * 3600, "1.0.0", "m1", "a1", counts, DateOnly.FromDateTime(at.UtcDateTime), counts, median)));
    }

    private static RegistryEntry Certificate(string site, string kiosk, CertificateStatus status) =>
        new(Guid.NewGuid().ToString("N"), CertificateKind.Kiosk, KioskIdentity.For(site, kiosk), site, kiosk, Now.AddDays(-30), Now.AddDays(335),
            "fingerprint", Now.AddDays(-30), status, null);
}
