using System.Diagnostics;
using System.Globalization;
using KioskAssist.Tests.Support;

namespace KioskAssist.Tests.Faults;

/// <summary>
/// What the fault suite counts, from what a desk saw: requests sent (each press that made a request id), delivered
/// (of those, the ones the desk has), and duplicates shown to agents (a request id nobody pressed, or a chat line
/// under a second id). Prints one line the CI output keeps, then asserts sent = delivered and duplicates = 0.
/// </summary>
internal sealed class FaultTally(string fault)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<string> _sent = [];

    public IReadOnlyList<string> Sent => _sent;

    public void Pressed(string requestId) => _sent.Add(requestId);

    public string Summary(TestDesk desk, string? details = null)
    {
        var shown = desk.Requests.Select(r => r.Id).ToHashSet();
        var delivered = _sent.Count(shown.Contains);
        var duplicates = DuplicatesShown(desk);
        var deliveries = desk.RequestDeliveries.ToList();
        var redeliveries = deliveries.Count - deliveries.Select(d => (d.Id, d.Revision)).Distinct().Count();
        return string.Create(CultureInfo.InvariantCulture,
            $"fault {fault}: sent {_sent.Count}, delivered {delivered}, duplicates shown to agents {duplicates} " +
            $"(redeliveries dropped by revision {redeliveries}; {_clock.Elapsed.TotalSeconds:F1} s){(details is null ? "" : "; " + details)}");
    }

    /// <summary>Prints the counts and asserts the promise: every request delivered, none shown twice.</summary>
    public void ReportAndAssert(TestDesk desk, string? details = null)
    {
        var summary = Summary(desk, details);
        TestContext.Current.TestOutputHelper?.WriteLine(summary);
        Console.WriteLine(summary);
        var shown = desk.Requests.Select(r => r.Id).ToHashSet();
        Assert.True(_sent.Count > 0, $"Nothing was sent. {summary}");
        Assert.True(_sent.Distinct().Count() == _sent.Count, $"A press made no new request. {summary}");
        Assert.True(_sent.All(shown.Contains), $"Not every request reached the desk. {summary}");
        Assert.True(DuplicatesShown(desk) == 0, $"Agents were shown duplicates. {summary}");
    }

    private int DuplicatesShown(TestDesk desk)
    {
        var extraRequests = desk.Requests.Count(r => !_sent.Contains(r.Id));
        var doubledChat = desk.Requests.Sum(r => desk.ChatOf(r.Id).GroupBy(c => c.Sequence).Sum(g => g.Count() - 1));
        return extraRequests + doubledChat;
    }
}
