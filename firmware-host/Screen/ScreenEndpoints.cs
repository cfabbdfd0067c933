using KioskAssist.FirmwareHost.Answers;
using KioskAssist.FirmwareHost.Conversation;
using KioskAssist.Intent;
using Microsoft.Extensions.Options;

namespace KioskAssist.FirmwareHost.Screen;

/// <summary>The JSON API behind the touchscreen page. Every input is checked; bad requests get 400 with a reason.</summary>
public static class ScreenEndpoints
{
    /// <summary>Longest question accepted; longer ones are refused rather than silently cut.</summary>
    public const int MaxQuestionLength = 2000;

    public static IEndpointRouteBuilder MapScreenApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapGet("/screen", Setup);
        api.MapGet("/conversation", (ShopperConversation conversation) => conversation.Snapshot());
        api.MapPost("/ask", Ask);
        api.MapPost("/quick", Quick);
        api.MapPost("/language", SetLanguage);
        api.MapPost("/help", (ShopperConversation conversation) => conversation.CallPerson(HelpReason.Screen));
        api.MapPost("/help/cancel", (ShopperConversation conversation) => conversation.CancelPerson());
        api.MapPost("/reset", (ShopperConversation conversation) =>
        {
            conversation.Clear("shopper finished");
            return conversation.Snapshot();
        });
        return app;
    }

    private static ScreenSetup Setup(IOptions<ScreenOptions> screen, IOptions<StoreOptions> store, StoreAnswers answers) =>
        new(screen.Value.Languages,
            screen.Value.DefaultLanguage,
            screen.Value.IdleTimeoutSeconds,
            store.Value.Name,
            [.. answers.QuickIntents.Select(intent => new QuickQuestion(
                intent, answers.Languages.ToDictionary(l => l, l => answers.LabelFor(intent, l))))]);

    private static IResult Ask(AskRequest request, Assistant assistant, StoreAnswers answers, ILogger<Assistant> logger)
    {
        if (string.IsNullOrWhiteSpace(request.Text) || TextNormalizer.Tokenize(request.Text).Count == 0)
        {
            return Reject(logger, "The question is empty.");
        }

        if (request.Text.Length > MaxQuestionLength)
        {
            return Reject(logger, $"The question is longer than {MaxQuestionLength} characters.");
        }

        if (!IsOffered(request.Language, answers))
        {
            return Reject(logger, $"Language '{request.Language}' is not offered.");
        }

        return Results.Ok(assistant.Ask(request.Text, request.Language!));
    }

    private static IResult Quick(QuickRequest request, Assistant assistant, StoreAnswers answers, ILogger<Assistant> logger)
    {
        if (request.Intent is null || !answers.Knows(request.Intent))
        {
            return Reject(logger, $"Unknown intent '{request.Intent}'.");
        }

        if (!IsOffered(request.Language, answers))
        {
            return Reject(logger, $"Language '{request.Language}' is not offered.");
        }

        return Results.Ok(assistant.AskQuick(request.Intent, request.Language!));
    }

    private static IResult SetLanguage(LanguageRequest request, ShopperConversation conversation, StoreAnswers answers, ILogger<Assistant> logger)
    {
        if (!IsOffered(request.Language, answers))
        {
            return Reject(logger, $"Language '{request.Language}' is not offered.");
        }

        conversation.SetLanguage(request.Language!);
        return Results.Ok(conversation.Snapshot());
    }

    private static bool IsOffered(string? language, StoreAnswers answers) =>
        language is not null && answers.Languages.Contains(language);

    private static IResult Reject(ILogger logger, string problem)
    {
        Log.ScreenRequestRejected(logger, problem);
        return Results.Problem(problem, statusCode: StatusCodes.Status400BadRequest);
    }
}
