using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using KioskAssist.FirmwareHost.Screen;

namespace KioskAssist.Tests.BadInput;

/// <summary>
/// Hostile and odd shopper text through the real kiosk HTTP API (<c>POST /api/ask</c>): each is answered or refused
/// with a clear 4xx within a bounded time, never a 500, and what is kept is the text as typed. One warm kiosk serves
/// the class (tests in a class run one at a time), so the times are of answering, not of starting.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ShopperTextTests(WarmKiosk kiosk, ITestOutputHelper output) : IClassFixture<WarmKiosk>
{
    /// <summary>Generous for a loaded 2-core machine; the measured worst case is printed.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(2);

    public static TheoryData<string, string> Answered() => new()
    {
        { "emoji only", "\U0001F600\U0001F64F\U0001F3FD\U0001F44D\U0001F3FB\U0001F1EE\U0001F1E9" },
        { "mixed emoji", "where are the toilets \U0001F6BB\U0001F64F" },
        { "Arabic", "\u0623\u064A\u0646 \u062F\u0648\u0631\u0629 \u0627\u0644\u0645\u064A\u0627\u0647\u061F" },
        { "Hebrew", "\u05D0\u05D9\u05E4\u05D4 \u05D4\u05E9\u05D9\u05E8\u05D5\u05EA\u05D9\u05DD?" },
        { "right-to-left override", "\u202Ewhere are the toilets\u202C \u2067\u05E9\u05DC\u05D5\u05DD\u2069" },
        { "control characters", "where\u0000 are\u0007 the\u001b[2J toilets\u007f\u0085" },
        { "NUL only", "\u0000\u0000\u0000" },
        { "HTML and script", "<script>window.__pwned=1</script> where are the <b>toilets</b>" },
        { "an image that runs script", "<img src=x onerror=\"window.__pwned=1\">" },
        { "combining marks", "t\u0337\u0322o\u0335i\u0338l\u0336e\u0337t\u0334s\u0335" + new string('\u0301', 500) },
        { "2,000 characters, the longest allowed", string.Concat(Enumerable.Repeat("where are the toilets? ", 100))[..ScreenEndpoints.MaxTextLength] },
        { "one 2,000-letter word", new string('a', ScreenEndpoints.MaxTextLength) },
        { "1,000 emoji (2,000 UTF-16 units)", string.Concat(Enumerable.Repeat("\U0001F600", 1_000)) },
    };

    public static TheoryData<string, string, HttpStatusCode> Refused() => new()
    {
        { "empty", "", HttpStatusCode.BadRequest },
        { "whitespace", " \t\r\n\u00A0\u3000 ", HttpStatusCode.BadRequest },
        { "10,000 characters", string.Concat(Enumerable.Repeat("where are the toilets? ", 500))[..10_000], HttpStatusCode.BadRequest },
        { "2,001 characters", new string('a', ScreenEndpoints.MaxTextLength + 1), HttpStatusCode.BadRequest },
        { "100,000 characters (over the 64 KiB request limit)", new string('a', 100_000), HttpStatusCode.RequestEntityTooLarge },
    };

    [Theory]
    [MemberData(nameof(Answered))]
    public async Task Odd_text_is_answered_in_bounded_time_and_kept_as_typed(string kind, string text)
    {
        using var client = kiosk.Server.CreateClient();

        var (status, body, elapsed) = await AskAsync(client, JsonSerializer.Serialize(new { text, language = "en" }));

        output.WriteLine($"{kind}: {(int)status} in {elapsed.TotalMilliseconds:F1} ms");
        Assert.True(status == HttpStatusCode.OK, $"{kind}: {(int)status} {body}");
        Assert.True(elapsed < Bound, $"{kind} took {elapsed.TotalMilliseconds:F0} ms");
        using var reply = JsonDocument.Parse(body);
        Assert.Contains(reply.RootElement.GetProperty("kind").GetString(), new[] { "answer", "not_sure", "person" });
        var state = await client.GetFromJsonAsync<JsonElement>("/api/state", TestContext.Current.CancellationToken);
        var kept = state.GetProperty("conversation").GetProperty("transcript").EnumerateArray().Last(e => e.GetProperty("speaker").GetString() == "shopper");
        var expected = text.Trim();
        Assert.Equal(expected.Length > 1000 ? expected[..1000] : expected, kept.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Emoji_and_markup_around_a_question_do_not_change_its_answer()
    {
        using var client = kiosk.Server.CreateClient();

        var plain = await IntentOfAsync(client, "where are the toilets");

        Assert.Equal(plain, await IntentOfAsync(client, "where are the toilets \U0001F6BB\U0001F64F"));
        Assert.Equal(plain, await IntentOfAsync(client, "<b>where are the toilets</b>"));
        Assert.NotEqual("oos", plain);
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Empty_and_overlong_text_is_refused_with_a_clear_4xx_in_bounded_time(string kind, string text, HttpStatusCode expected)
    {
        using var client = kiosk.Server.CreateClient();

        var (status, body, elapsed) = await AskAsync(client, JsonSerializer.Serialize(new { text, language = "en" }));

        output.WriteLine($"{kind}: {(int)status} in {elapsed.TotalMilliseconds:F1} ms: {body[..Math.Min(body.Length, 160)]}");
        Assert.Equal(expected, status);
        Assert.True(elapsed < Bound, $"{kind} took {elapsed.TotalMilliseconds:F0} ms");
        if (expected == HttpStatusCode.BadRequest)
        {
            Assert.Contains(text.Length > ScreenEndpoints.MaxTextLength ? "longer than 2000 characters" : "empty", body, StringComparison.Ordinal);
        }

        await AssertStillAnswersAsync(client);
    }

    [Theory]
    [InlineData("a lone surrogate", "{\"text\":\"toilets \\ud800\",\"language\":\"en\"}")]
    [InlineData("invalid UTF-8", null)]
    [InlineData("text as a number", "{\"text\":12345,\"language\":\"en\"}")]
    [InlineData("text as an object", "{\"text\":{\"a\":1},\"language\":\"en\"}")]
    [InlineData("deeply nested", null)]
    [InlineData("truncated JSON", "{\"text\":\"where are the toi")]
    public async Task Broken_request_bodies_get_400_never_500(string kind, string? body)
    {
        using var client = kiosk.Server.CreateClient();
        var bytes = kind switch
        {
            "invalid UTF-8" => [.. "{\"text\":\"toilets "u8, 0xC0, 0xAF, 0xFF, .. "\",\"language\":\"en\"}"u8],
            "deeply nested" => Encoding.UTF8.GetBytes("{\"text\":" + new string('[', 10_000) + new string(']', 10_000) + "}"),
            _ => Encoding.UTF8.GetBytes(body!),
        };

        var (status, _, elapsed) = await AskAsync(client, bytes);

        output.WriteLine($"{kind}: {(int)status} in {elapsed.TotalMilliseconds:F1} ms");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(elapsed < Bound);
        await AssertStillAnswersAsync(client);
    }

    private static Task<(HttpStatusCode, string, TimeSpan)> AskAsync(HttpClient client, string json) => AskAsync(client, Encoding.UTF8.GetBytes(json));

    private static async Task<(HttpStatusCode Status, string Body, TimeSpan Elapsed)> AskAsync(HttpClient client, byte[] json)
    {
        using var content = new ByteArrayContent(json);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        var started = Stopwatch.GetTimestamp();
        using var response = await client.PostAsync("/api/ask", content, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response.StatusCode, body, Stopwatch.GetElapsedTime(started));
    }

    private static async Task<string?> IntentOfAsync(HttpClient client, string text)
    {
        using var response = await client.PostAsJsonAsync("/api/ask", new { text, language = "en" }, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("intent").GetString();
    }

    private static async Task AssertStillAnswersAsync(HttpClient client)
    {
        using var response = await client.PostAsJsonAsync("/api/ask", new { text = "where are the toilets", language = "en" }, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        Assert.Equal("answer", (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("kind").GetString());
    }
}
