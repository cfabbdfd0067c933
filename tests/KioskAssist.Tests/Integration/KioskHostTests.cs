using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KioskAssist.FirmwareHost.Hosting;
using KioskAssist.Tests.BadInput;
using KioskAssist.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KioskAssist.Tests.Integration;

/// <summary>The kiosk host started for real on a loopback port, with the shipped model and answers.</summary>
[Trait("Category", "Integration")]
public sealed class KioskHostTests
{
    [Fact]
    public async Task Health_reports_ready_with_the_model_version()
    {
        await using var server = await KioskServer.StartAsync();
        using var client = server.CreateClient();

        using var health = JsonDocument.Parse(await client.GetStringAsync("/health", TestContext.Current.CancellationToken));

        Assert.Equal("ready", health.RootElement.GetProperty("status").GetString());
        var shipped = KioskAssist.Intent.ModelManifest.Load(Path.Combine(RepoPaths.CheckoutModel, KioskAssist.Intent.ModelFiles.Manifest));
        Assert.Equal(shipped.Version, health.RootElement.GetProperty("model").GetProperty("version").GetString());
        // The minimum confidence the kiosk applies, as the fleet sees it (0 would mean none).
        Assert.True(shipped.MinConfidence > 0);
        Assert.Equal(shipped.MinConfidence, health.RootElement.GetProperty("model").GetProperty("minConfidence").GetSingle());
        Assert.Equal(IPAddress.Loopback.ToString(), server.Address.Host);
    }

    [Fact]
    public async Task Answers_in_the_language_the_question_was_asked_in()
    {
        await using var server = await KioskServer.StartAsync();
        using var client = server.CreateClient();

        var reply = await Ask(client, "struk belanja saya tidak keluar", "en");

        Assert.Equal("answer", reply.GetProperty("kind").GetString());
        Assert.Equal("receipt_request", reply.GetProperty("intent").GetString());
        Assert.Equal("id", reply.GetProperty("language").GetString());
        Assert.Contains("Struk", reply.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Store_facts_from_configuration_reach_the_answer()
    {
        await using var server = await KioskServer.StartAsync("--Store:Facts:en:ReturnWindowDays=30");
        using var client = server.CreateClient();

        var reply = await Ask(client, "can I return this item if it doesn't fit?", "en");

        Assert.Equal("return_policy", reply.GetProperty("intent").GetString());
        Assert.Contains("30 days", reply.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("where are the restrooms", "en", "toilets", "The toilets are at the back, past the bakery.")]
    [InlineData("toiletnya di mana ya", "en", "toilets", "Toilet ada di bagian belakang, lewat area roti.")]
    [InlineData("where can I park my car", "en", "parking", "Parking: free for 2 hours in the basement.")]
    [InlineData("musholanya sebelah mana", "en", "prayer_room", "Musala ada di lantai atas, di samping toilet.")]
    [InlineData("what time do you close tonight", "id", "opening_hours", "The store is open 8am to 10pm every day.")]
    [InlineData("where is customer service", "en", "service_desk", "The service desk is next to the main entrance.")]
    public async Task A_store_fact_question_gets_that_fact_alone(string question, string screenLanguage, string intent, string answer)
    {
        await using var server = await KioskServer.StartAsync();
        using var client = server.CreateClient();

        var reply = await Ask(client, question, screenLanguage);

        Assert.Equal("answer", reply.GetProperty("kind").GetString());
        Assert.Equal(intent, reply.GetProperty("intent").GetString());
        Assert.Equal(answer, reply.GetProperty("text").GetString());
    }

    [Theory]
    [InlineData("where is the nearest ATM")]
    [InlineData("bisa bayar tagihan listrik di sini?")]
    public async Task What_the_store_does_not_offer_or_the_model_is_unsure_of_gets_not_sure(string question)
    {
        await using var server = await KioskServer.StartAsync();
        using var client = server.CreateClient();

        var reply = await Ask(client, question, "en");

        Assert.Equal("not_sure", reply.GetProperty("kind").GetString());
        Assert.Equal("oos", reply.GetProperty("intent").GetString());
        Assert.Equal(JsonValueKind.Null, reply.GetProperty("text").ValueKind);
    }

    [Fact]
    public async Task The_assistant_logs_when_the_minimum_confidence_and_not_the_oos_class_made_it_unsure()
    {
        // The shipped model (2026.12.05.2) answers no question found under its minimum confidence (0.115; the oos class
        // takes the low ones), so this runs the shipped model with its minimum raised to 0.2, over "where do I put the
        // basket", which it answers at 0.16 (produce_lookup, wrong).
        using var modelCopy = new TempDirectory();
        foreach (var file in Directory.GetFiles(RepoPaths.CheckoutModel))
        {
            File.Copy(file, Path.Combine(modelCopy.Path, Path.GetFileName(file)));
        }

        var manifestPath = Path.Combine(modelCopy.Path, KioskAssist.Intent.ModelFiles.Manifest);
        const float minimum = 0.2f;
        (KioskAssist.Intent.ModelManifest.Load(manifestPath) with { MinConfidence = minimum }).Save(manifestPath);
        await using var server = await KioskServer.StartAsync(
            "--Logging:LogLevel:KioskAssist.FirmwareHost.Conversation=Information", $"--Model:Directory={modelCopy.Path}");
        var logs = new CapturedLogs();
        server.Get<ILoggerFactory>().AddProvider(logs);
        using var client = server.CreateClient();

        // The oos class wins this one: not sure, but not because of the minimum confidence.
        Assert.Equal("not_sure", (await Ask(client, "where is the nearest ATM", "en")).GetProperty("kind").GetString());
        Assert.Equal(0, logs.Count("Assistant", 120));

        // The oos class loses this one, at a confidence under the minimum.
        Assert.Equal("not_sure", (await Ask(client, "where do I put the basket", "en")).GetProperty("kind").GetString());
        var entry = Assert.Single(logs.Entries, e => e.EventId.Id == 120);
        Assert.EndsWith("Assistant", entry.Category, StringComparison.Ordinal);
        Assert.Contains("produce_lookup", entry.Message, StringComparison.Ordinal);
        Assert.Contains(minimum.ToString("F3", System.Globalization.CultureInfo.InvariantCulture), entry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("basket", string.Join("\n", logs.Entries.Select(e => e.Message)), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Asking_for_a_person_starts_a_call()
    {
        await using var server = await KioskServer.StartAsync();
        using var client = server.CreateClient();

        var reply = await Ask(client, "I want to talk to a real person please", "en");

        Assert.Equal("person", reply.GetProperty("kind").GetString());
        using var state = JsonDocument.Parse(await client.GetStringAsync("/api/state", TestContext.Current.CancellationToken));
        var help = state.RootElement.GetProperty("help");
        Assert.Equal("open", help.GetProperty("state").GetString());
        Assert.Equal("explicit", help.GetProperty("reason").GetString());
    }

    [Theory]
    [InlineData("{\"text\":\"\",\"language\":\"en\"}")]
    [InlineData("{\"text\":\"hello\",\"language\":\"fr\"}")]
    [InlineData("{\"text\":123}")]
    [InlineData("not json")]
    public async Task Bad_requests_get_400_and_the_kiosk_keeps_answering(string body)
    {
        await using var server = await KioskServer.StartAsync();
        using var client = server.CreateClient();

        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("/api/ask", content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("answer", (await Ask(client, "where are the toilets", "en")).GetProperty("kind").GetString());
    }

    [Fact]
    public async Task The_page_is_served_with_a_strict_content_security_policy()
    {
        await using var server = await KioskServer.StartAsync();
        using var client = server.CreateClient();

        using var response = await client.GetAsync("/", TestContext.Current.CancellationToken);

        response.EnsureSuccessStatusCode();
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("kiosk.js", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--Screen:BindAddress=0.0.0.0", "Screen:BindAddress")]
    [InlineData("--Screen:Port=70000", "Screen:Port")]
    [InlineData("--Screen:IdleTimeoutSeconds=1", "Screen:IdleTimeoutSeconds")]
    [InlineData("--Store:Facts:en:BagPrice=", "Store:Facts:en:BagPrice")]
    [InlineData("--Model:Directory=/nonexistent/model", "Model:Directory")]
    [InlineData("--Help:UrgentAfterSeconds=90", "Help:UrgentAfterSeconds")]
    [InlineData("--Kiosk:Id=kiosk/1", "Kiosk:Id")]
    [InlineData("--Help:BridgeStateTopic=$SYS/broker/connection/+/state", "Help:BridgeStateTopic")]
    [InlineData("--Hardware:Mode=Blinky", "Hardware:Mode")]
    [InlineData("--Fleet:MetricsIntervalSeconds=0", "Fleet:MetricsIntervalSeconds")]
    [InlineData("--Rollout:PublicKeyFile=/nonexistent/rollout-signing.pub", "Rollout:PublicKeyFile")]
    [InlineData("--Rollout:PackageWaitSeconds=1", "Rollout:PackageWaitSeconds")]
    public async Task Bad_configuration_stops_the_host_at_start_naming_the_key(string setting, string key)
    {
        // Depending on the setting the host refuses while being built (Kestrel's address) or while starting.
        var error = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var app = KioskApplication.Create(["--Screen:Port=0", "--Logging:LogLevel:Default=None", setting]);
            await app.StartAsync(TestContext.Current.CancellationToken);
        });

        Assert.Contains(key, string.Join(" ", error.Failures), StringComparison.Ordinal);
    }

    private static async Task<JsonElement> Ask(HttpClient client, string text, string language)
    {
        using var response = await client.PostAsJsonAsync("/api/ask", new { text, language }, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return json.RootElement.Clone();
    }
}
