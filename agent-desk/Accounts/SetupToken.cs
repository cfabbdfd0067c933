using System.Security.Cryptography;
using System.Text;

namespace KioskAssist.AgentDesk.Accounts;

/// <summary>
/// The one-time secret that creating the first account through the sign-in page needs. When the desk starts with no
/// account, it makes a random token, prints it once to the console (standard output, not through the logger, so it
/// never lands in structured logs) and writes it to <see cref="FileName"/> (0600) in the data folder. The token works
/// once; after that, and whenever an account exists at start, it is gone. There is no network rule to get around:
/// whoever holds the token made or can read the desk's console or data folder.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public sealed class SetupToken(AgentStore accounts, string dataDirectory, TextWriter console)
{
    public const string FileName = "setup-token";

    private readonly Lock _gate = new();
    private byte[]? _token;

    public string FilePath => Path.Combine(dataDirectory, FileName);

    /// <summary>Whether a token is waiting to be used.</summary>
    public bool IsPending
    {
        get
        {
            lock (_gate)
            {
                return _token is not null;
            }
        }
    }

    /// <summary>At start: a new token when no account exists, else none (and a stale token file is deleted).</summary>
    public void IssueIfNeeded()
    {
        lock (_gate)
        {
            if (accounts.Count() > 0)
            {
                _token = null;
                File.Delete(FilePath);
                return;
            }

            var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
            _token = Encoding.ASCII.GetBytes(token);
            DataFiles.WritePrivateFile(FilePath, token + "\n");
            console.WriteLine(
                $"""
                KioskAssist desk: no account exists yet. Create the first (admin) account on the sign-in page with this one-time setup token:
                    {token}
                It is also in {FilePath} (readable by this user only) and stops working once used.
                Or add the first account from a shell: kioskassist-desk add-agent --id ID --name NAME --role admin (password on standard input).
                """);
            console.Flush();
        }
    }

    /// <summary>True, once, for the right token: it is used up (and its file deleted) by the call that gets true.</summary>
    public bool TryConsume(string? candidate)
    {
        lock (_gate)
        {
            if (_token is null || candidate is null || !CryptographicOperations.FixedTimeEquals(_token, Encoding.ASCII.GetBytes(candidate.Trim())))
            {
                return false;
            }

            _token = null;
            File.Delete(FilePath);
            return true;
        }
    }
}
