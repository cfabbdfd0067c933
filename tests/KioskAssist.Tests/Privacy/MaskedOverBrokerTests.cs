using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text;
using KioskAssist.FirmwareHost.HelpCall;
using KioskAssist.FirmwareHost.Privacy;
using KioskAssist.Protocol.Broker;
using KioskAssist.Protocol.Messages;
using KioskAssist.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace KioskAssist.Tests.Privacy;

/// <summary>
/// Issue #12's cancelled call that held "…siti@example.com" and a card number: what the shopper typed before the call
/// (the transcript) and during it (chat) reaches the broker masked. A raw subscriber on everything sees every byte
/// the kiosk publishes.
/// </summary>
[Trait("Category", "Integration")]
public sealed class MaskedOverBrokerTests
{
    private const string Card = "4111 1111 1111 1111";
    private const string Email = "siti@example.com";

    [Fact]
    public async Task A_card_number_and_an_email_typed_by_the_shopper_never_reach_the_broker()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var desk = await TestDesk.ConnectAsync(broker);
        var raw = new ConcurrentQueue<string>();
        await using var everything = new BrokerConnection(
            new BrokerSettings { Host = broker.Host, Port = broker.Port, ReconnectMinSeconds = 0.1, ReconnectMaxSeconds = 1 }, "raw-listener", null, TimeProvider.System,
            NullLogger.Instance)
        {
            MessageReceived = (topic, payload) =>
            {
                raw.Enqueue(topic + " " + Encoding.UTF8.GetString(payload));
                return Task.CompletedTask;
            },
        };
        using var stop = new CancellationTokenSource();
        var run = everything.RunAsync(stop.Token);
        await everything.SubscribeAsync(["ka/v1/#"], TestContext.Current.CancellationToken);
        await everything.WaitUntilConnectedAsync(TestContext.Current.CancellationToken);
        await using var kiosk = await KioskServer.StartAsync(KioskServer.UsingBroker(broker));
        using var http = kiosk.CreateClient();

        (await http.PostAsJsonAsync(new Uri("/api/ask", UriKind.Relative), new { text = $"my card {Card} was declined, mail me at {Email}", language = "en" },
            TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        var help = kiosk.Get<HelpCallCoordinator>();
        var call = help.Start(HelpReason.Button);
        help.ShopperSays($"it is {Card.Replace(' ', '-')}");
        var request = await desk.WaitForAsync(() => desk.Request(call.RequestId));
        await desk.WaitForAsync(() => desk.ChatOf(call.RequestId).FirstOrDefault());

        Assert.Contains(request.Transcript, line => line.Text.Contains(PersonalDataMask.Card, StringComparison.Ordinal) && line.Text.Contains(PersonalDataMask.Email, StringComparison.Ordinal));
        Assert.Equal($"it is {PersonalDataMask.Card}", desk.ChatOf(call.RequestId).Single().Text);
        await Eventually.TrueAsync(() => raw.Any(m => m.StartsWith("ka/v1/chat/", StringComparison.Ordinal)), "the raw listener saw the chat");
        Assert.DoesNotContain(raw, m => m.Contains("1111", StringComparison.Ordinal) || m.Contains(Email, StringComparison.Ordinal));
        await stop.CancelAsync();
        await run;
    }
}
