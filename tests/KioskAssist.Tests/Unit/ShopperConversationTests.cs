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
    public void Keeps_everything_while_held_for_a_person_on_the_way()
    {
        _conversation.Add(Line("help", "en"));
        _conversation.Hold();

        _time.Advance(TimeSpan.FromMinutes(10));

        Assert.Single(_conversation.Snapshot().Transcript);
    }

    [Fact]
    public void Counts_the_idle_time_from_the_release_of_a_hold()
    {
        _conversation.Add(Line("help", "en"));
        _conversation.Hold();
        _time.Advance(TimeSpan.FromMinutes(10));
        _conversation.Release();

        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.Single(_conversation.Snapshot().Transcript);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Empty(_conversation.Snapshot().Transcript);
    }

    private TranscriptEntry Line(string text, string language) => new(_time.GetUtcNow(), Speaker.Shopper, text, language);
}
