using System.Diagnostics;
using KioskAssist.Provisioning;

namespace KioskAssist.Tests.Provisioning;

[Trait("Category", "Integration")]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // checks Unix file modes
public sealed class AgentTests : IDisposable
{
    private readonly FleetTool _tool = new();

    [Fact]
    public void Agent_add_reads_the_password_from_standard_input_and_writes_a_mosquitto_password_line()
    {
        var (code, output, _) = _tool.Run(["agent", "add", "--id", "ana", "--name", "Ana"], input: "correct horse\n");

        Assert.Equal(0, code);
        Assert.Contains("dotnet run --project agent-desk -- add-agent --id ana --name 'Ana'", output, StringComparison.Ordinal);
        Assert.DoesNotContain("correct horse", output, StringComparison.Ordinal);
        var line = File.ReadAllText(_tool.Fleet.BrokerPasswords).TrimEnd('\n');
        Assert.StartsWith("ana:$7$", line, StringComparison.Ordinal);
        Assert.True(MosquittoPassword.Verify("correct horse", line["ana:".Length..]));
        Assert.False(MosquittoPassword.Verify("wrong horse", line["ana:".Length..]));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_tool.Fleet.BrokerPasswords));
    }

    [Fact]
    public void Agent_remove_takes_the_login_out_of_the_registry_and_the_password_file()
    {
        _tool.Run(["agent", "add", "--id", "ana", "--name", "Ana"], input: "correct horse\n");
        _tool.Run(["agent", "add", "--id", "budi", "--name", "Budi"], input: "another secret\n");

        _tool.Ok("agent", "remove", "--id", "ana");

        Assert.StartsWith("budi:$7$", File.ReadAllText(_tool.Fleet.BrokerPasswords), StringComparison.Ordinal);
        Assert.DoesNotContain("ana:", File.ReadAllText(_tool.Fleet.BrokerPasswords), StringComparison.Ordinal);
        using var registry = _tool.OpenRegistry();
        Assert.Equal(["budi"], registry.Agents().Select(a => a.Id));
    }

    [Theory]
    [InlineData("kiosk-s1-k1", "reserved")]
    [InlineData("kafleet-operator", "reserved")]
    [InlineData("ana", "must be 8–256")]
    public void Agent_ids_that_would_borrow_a_kiosks_or_the_operators_rights_and_short_passwords_are_refused(string id, string expected)
    {
        var (code, _, error) = _tool.Run(["agent", "add", "--id", id, "--name", "X"], input: id == "ana" ? "short\n" : "long enough password\n");

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
