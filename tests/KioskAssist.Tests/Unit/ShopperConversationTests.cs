using KioskAssist.FirmwareHost.Conversation;
using KioskAssist.FirmwareHost.Screen;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace KioskAssist.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class ShopperConversationTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
    private readonly ShopperConversation _conversation;

    public ShopperConversationTests()
    {
        var options = Options.Create(new ScreenOptions { Languages = ["en", "id"], DefaultLanguage = "en", IdleTimeoutSeconds = 60 });
        _conversation = new ShopperConversation(_time, options, NullLogger<ShopperConversation>.Instance);
    }

    [Fact]
    public void Forgets_the_shopper_after_the_idle_timeout()
    {
        _conversation.Add(Line("where do I pay", "id"));
        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.Single(_conversation.Snapshot().Transcript);

        _time.Advance(TimeSpan.FromSeconds(1));
        var snapshot = _conversation.Snapshot();

        Assert.Empty(snapshot.Transcript);
        Assert.Equal("en", snapshot.Language);
    }

    [Fact]
    public void Keeps_everything_while_a_person_is_on_the_way()
    {
        _conversation.Add(Line("help", "en"));
        _conversation.CallPerson(HelpReason.Screen);

        _time.Advance(TimeSpan.FromMinutes(10));
        var snapshot = _conversation.Snapshot();

        Assert.Single(snapshot.Transcript);
        Assert.Equal(HelpStatus.Calling, snapshot.Help);
    }

    [Fact]
    public void A_second_press_keeps_the_first_call_time_and_reason()
    {
        _conversation.CallPerson(HelpReason.Button);
        var since = _conversation.Snapshot().HelpSince;
        _time.Advance(TimeSpan.FromSeconds(5));

        var snapshot = _conversation.CallPerson(HelpReason.Screen);

        Assert.Equal(since, snapshot.HelpSince);
        Assert.Equal(HelpReason.Button, snapshot.HelpReason);
    }

    [Fact]
    public void Cancelling_returns_to_the_assistant_and_keeps_the_conversation()
    {
        _conversation.Add(Line("hello", "en"));
        _conversation.CallPerson(HelpReason.Screen);

        var snapshot = _conversation.CancelPerson();

        Assert.Equal(HelpStatus.None, snapshot.Help);
        Assert.Single(snapshot.Transcript);
    }

    private TranscriptEntry Line(string text, string language) => new(_time.GetUtcNow(), Speaker.Shopper, text, language);
}
