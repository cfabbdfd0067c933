using System.Diagnostics;
using KioskAssist.Provisioning;

namespace KioskAssist.Tests.Provisioning;

[Trait("Category", "Integration")]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // checks Unix file modes
public sealed class DeskTests : IDisposable
{
    private readonly FleetTool _tool = new();

    [Fact]
    public void Desk_add_reads_the_password_from_standard_input_and_writes_a_mosquitto_password_line()
    {
        var (code, output, _) = _tool.Run(["desk", "add", "--id", "desk-jkt", "--name", "Jakarta desk", "--sites", "jkt-01,jkt-02"], input: "correct horse battery\n");

        Assert.Equal(0, code);
        Assert.Contains("Broker__Username=desk-jkt", output, StringComparison.Ordinal);
        Assert.Contains("Desk__Sites__0=jkt-01 Desk__Sites__1=jkt-02", output, StringComparison.Ordinal);
        Assert.DoesNotContain("correct horse", output, StringComparison.Ordinal);
        var line = File.ReadAllText(_tool.Fleet.BrokerPasswords).TrimEnd('\n');
        Assert.StartsWith("desk-jkt:$7$", line, StringComparison.Ordinal);
        Assert.True(MosquittoPassword.Verify("correct horse battery", line["desk-jkt:".Length..]));
        Assert.False(MosquittoPassword.Verify("wrong horse battery", line["desk-jkt:".Length..]));
        using var registry = _tool.OpenRegistry();
        Assert.Equal(["jkt-01", "jkt-02"], registry.Desks().Single().Sites);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_tool.Fleet.BrokerPasswords));
    }

    [Fact]
    public void Desk_remove_takes_the_login_out_of_the_registry_and_the_password_file()
    {
        _tool.Run(["desk", "add", "--id", "desk-a", "--name", "A", "--sites", "s1"], input: "correct horse battery\n");
        _tool.Run(["desk", "add", "--id", "desk-b", "--name", "B", "--sites", "s2"], input: "another secret phrase\n");

        _tool.Ok("desk", "remove", "--id", "desk-a");

        Assert.StartsWith("desk-b:$7$", File.ReadAllText(_tool.Fleet.BrokerPasswords), StringComparison.Ordinal);
        Assert.DoesNotContain("desk-a:", File.ReadAllText(_tool.Fleet.BrokerPasswords), StringComparison.Ordinal);
        using var registry = _tool.OpenRegistry();
        Assert.Equal(["desk-b"], registry.Desks().Select(a => a.Id));
    }

    [Theory]
    [InlineData("kiosk-s1-k1", "s1", "reserved")]
    [InlineData("kafleet-operator", "s1", "reserved")]
    [InlineData("desk-a", "s1", "must be 16–256")]
    [InlineData("desk-a", "s/#", "--sites must name")]
    public void Desk_ids_that_would_borrow_a_kiosks_or_the_operators_rights_short_passwords_and_bad_sites_are_refused(string id, string sites, string expected)
    {
        var (code, _, error) = _tool.Run(
            ["desk", "add", "--id", id, "--name", "X", "--sites", sites], input: expected.StartsWith("must", StringComparison.Ordinal) ? "short\n" : "long enough password here\n");

        Assert.Equal(2, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Our_hash_check_agrees_with_mosquitto_passwd()
    {
        Assert.SkipUnless(File.Exists("/usr/bin/mosquitto_passwd"), "mosquitto_passwd is not installed (tests/run.sh installs mosquitto)");
        var file = _tool.File("passwd");
        using (var process = Process.Start("/usr/bin/mosquitto_passwd", ["-c", "-b", file, "ana", "correct horse"]))
        {
            process.WaitForExit();
        }

        var hash = File.ReadAllText(file).Trim()["ana:".Length..];
        Assert.StartsWith("$7$", hash, StringComparison.Ordinal);
        Assert.True(MosquittoPassword.Verify("correct horse", hash));
        Assert.False(MosquittoPassword.Verify("correct horsE", hash));
    }

    public void Dispose() => _tool.Dispose();
}
