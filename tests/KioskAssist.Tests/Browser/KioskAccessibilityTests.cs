using Deque.AxeCore.Playwright;
using KioskAssist.Protocol.Messages;
using Microsoft.Playwright;

namespace KioskAssist.Tests.Browser;

/// <summary>
/// axe-core on the kiosk page at 800x480 and 1280x720 in both languages, in each state a shopper meets during a call
/// (welcome, answer, calling, chatting, finished): any serious or critical violation fails, naming rule and element.
/// </summary>
[Trait("Category", "Browser")]
public sealed class KioskAccessibilityTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private static readonly string[] Blocking = ["serious", "critical"];

    private readonly List<string> _violations = [];

    [Fact]
    public async Task No_serious_or_critical_axe_violation_in_any_state_of_a_call()
    {
        await using var stage = await KioskStage.StartAsync("--Help:UrgentAfterSeconds=500", "--Help:NoticeAfterSeconds=600", "--Help:ExpireAfterSeconds=900");
        foreach (var screen in KioskScreen.All.Where(s => s.Width is 800 or 1280))
        {
            await stage.OpenAsync(chromium.Browser, screen);
        }

        await AuditAllAsync(stage, "welcome");

        foreach (var (screen, page) in stage.Pages)
        {
            await page.GetByTestId("question-input").FillAsync(screen.Language == "en" ? "how do I get a receipt" : "minta struk gimana");
            await page.GetByTestId("ask-button").ClickAsync();
            await Assertions.Expect(page.GetByTestId("message-assistant")).ToHaveCountAsync(1);
        }

        await AuditAllAsync(stage, "answer");

        await stage.Pages.First().Value.GetByTestId("person-button").ClickAsync();
        var request = await stage.RequestAsync(r => r.State == HelpState.Open);
        await stage.PublishQueueAsync(agentsOnline: 1, medianSecondsToClaim: 90, request.Id);
        await stage.ExpectEverywhereAsync("queue-info", s => s.Language == "en" ? "Number 1" : "Antrean ke-1");
        await AuditAllAsync(stage, "calling");

        await stage.ActAsync(request, AgentActionType.Claim, "ana");
        await stage.ActAsync(request, AgentActionType.Chat, "ana", "Hi, I'm Ana. How can I help?");
        await stage.ShopperSaysAsync("My card was charged twice");
        await stage.ExpectEverywhereAsync("message-shopper", _ => "charged twice");
        await AuditAllAsync(stage, "chatting");

        var claimed = await stage.RequestAsync(r => r.Id == request.Id && r.Agent?.Id == "ana");
        await stage.ActAsync(claimed, AgentActionType.Resolve, "ana", outcome: "answered");
        await stage.ExpectEverywhereAsync("rate-1");
        await AuditAllAsync(stage, "finished");

        Assert.True(_violations.Count == 0, "axe-core found serious or critical violations:\n" + string.Join('\n', _violations));
    }

    private async Task AuditAllAsync(KioskStage stage, string state)
    {
        foreach (var (screen, page) in stage.Pages)
        {
            var result = await page.RunAxe();
            foreach (var violation in result.Violations.Where(v => Blocking.Contains(v.Impact)))
            {
                var targets = string.Join(", ", violation.Nodes.Select(n => n.Target?.ToString()));
                _violations.Add($"{state} at {screen.Name}: {violation.Id} ({violation.Impact}) on {targets}: {violation.Help}");
            }
        }
    }
}
