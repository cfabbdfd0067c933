using KioskAssist.Provisioning;
using KioskAssist.Tests.Support;

namespace KioskAssist.Tests.Provisioning;

/// <summary>kafleet run in-process on a fresh fleet directory, as an operator types it; output read back as text.</summary>
public sealed class FleetTool : IDisposable
{
    private readonly TempDirectory _temp = new();

    public string Root => _temp.Path;

    public string Dir => _temp.File("fleet");

    public FleetDirectory Fleet => new(Dir);

    public string File(string name) => _temp.File(name);

    /// <summary>Runs one command against this fleet directory (<c>--dir</c> is added) with <paramref name="input"/> as standard input.</summary>
    public (int Code, string Output, string Error) Run(string[] args, string input = "")
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var stdin = new StringReader(input);
        var code = FleetCli.Create(stdin, output, error).Parse([.. args, "--dir", Dir]).Invoke();
        return (code, output.ToString(), error.ToString());
    }

    public (int Code, string Output, string Error) Run(params string[] args) => Run(args, input: "");

    /// <summary>Runs a command that talks to the broker (<c>status</c>), awaiting it instead of blocking a test thread.</summary>
    public async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var stdin = new StringReader(string.Empty);
        var code = await FleetCli.Create(stdin, output, error).Parse([.. args, "--dir", Dir]).InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>Runs a command that must succeed, and returns what it printed.</summary>
    public string Ok(params string[] args)
    {
        var (code, output, error) = Run(args);
        Assert.True(code == 0, $"kafleet {string.Join(' ', args)} exited {code}: {error}");
        return output;
    }

    public FleetRegistry OpenRegistry() => FleetRegistry.Open(Fleet);

    public void Dispose() => _temp.Dispose();
}
