using KioskAssist.FirmwareHost.Answers;
using KioskAssist.FirmwareHost.Screen;
using KioskAssist.Tests.Support;
using Microsoft.Extensions.Options;

namespace KioskAssist.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class StoreAnswersTests
{
    private static readonly IOptions<AnswersOptions> ShippedAnswers = Options.Create(new AnswersOptions { File = RepoPaths.CheckoutAnswers });
    private static readonly IOptions<ScreenOptions> Screen = Options.Create(new ScreenOptions { Languages = ["en", "id"], DefaultLanguage = "en" });

    [Fact]
    public void Fills_store_facts_into_answers_in_each_language()
    {
        var store = DemoStore();

        var answers = new StoreAnswers(ShippedAnswers, Options.Create(store), Screen);

        Assert.Contains("21", answers.TextFor("return_policy", "en"), StringComparison.Ordinal);
        Assert.Contains("dekat pintu", answers.TextFor("return_policy", "id"), StringComparison.Ordinal);
        Assert.DoesNotContain(answers.Catalog.Intents.Keys.SelectMany(i => new[] { answers.TextFor(i, "en"), answers.TextFor(i, "id") }),
            text => text.Contains('{', StringComparison.Ordinal));
    }

    [Fact]
    public void Every_shipped_answer_fits_on_a_kiosk_screen()
    {
        var answers = new StoreAnswers(ShippedAnswers, Options.Create(DemoStore()), Screen);

        foreach (var intent in answers.Catalog.Intents.Keys)
        {
            Assert.InRange(answers.TextFor(intent, "en").Length, 10, 320);
            Assert.InRange(answers.TextFor(intent, "id").Length, 10, 320);
        }
    }

    [Fact]
    public void Asking_a_person_and_complaining_lead_straight_to_a_person()
    {
        var answers = new StoreAnswers(ShippedAnswers, Options.Create(DemoStore()), Screen);

        Assert.Equal(AnswerAction.Person, answers.ActionFor("talk_to_human"));
        Assert.Equal(AnswerAction.Person, answers.ActionFor("complaint"));
        Assert.Equal(AnswerAction.Answer, answers.ActionFor("pay_later"));
    }

    [Fact]
    public void A_missing_fact_is_named_by_its_configuration_key()
    {
        var store = DemoStore();
        store.Facts["id"].Remove("ReturnWindowDays");

        var result = new StoreOptionsValidator(ShippedAnswers, Screen).Validate(null, store);

        Assert.True(result.Failed);
        Assert.Contains("Store:Facts:id:ReturnWindowDays", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void The_demo_store_facts_satisfy_every_answer()
    {
        Assert.True(new StoreOptionsValidator(ShippedAnswers, Screen).Validate(null, DemoStore()).Succeeded);
    }

    private static StoreOptions DemoStore()
    {
        var facts = new[]
        {
            "OpeningHours", "ServiceDeskLocation", "ToiletsLocation", "ParkingInfo", "PrayerRoomLocation", "ReturnWindowDays",
            "RefundProcessingDays", "AcceptedCards", "AcceptedWallets", "PayLaterProviders", "LoyaltyProgram", "BagPrice",
        };
        var en = facts.ToDictionary(f => f, f => $"{f} value");
        var id = facts.ToDictionary(f => f, f => $"nilai {f}");
        en["ReturnWindowDays"] = "21";
        id["ServiceDeskLocation"] = "dekat pintu masuk";
        return new StoreOptions { Name = "Test Store", Facts = new() { ["en"] = en, ["id"] = id } };
    }
}
