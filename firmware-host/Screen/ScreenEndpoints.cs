using System.Net.ServerSentEvents;
using KioskAssist.FirmwareHost.Answers;
using KioskAssist.FirmwareHost.Broker;
using KioskAssist.FirmwareHost.Conversation;
using KioskAssist.FirmwareHost.HelpCall;
using KioskAssist.Protocol;
using KioskAssist.Protocol.Messages;
using Microsoft.Extensions.Options;

namespace KioskAssist.FirmwareHost.Screen;

/// <summary>The JSON API behind the touchscreen page. Every input is checked; bad requests get 400 with a reason.</summary>
public static class ScreenEndpoints
{
    /// <summary>Longest question or chat line accepted; longer ones are refused rather than silently cut.</summary>
    public const int MaxTextLength = 2000;

    /// <summary>
    /// How long the answer to a tap waits for the request to reach the broker, so it says "sent" when it is. Delivery
    /// takes a few milliseconds on a working network; past this the event stream says "sent" when it happens.
    /// </summary>
    public static readonly TimeSpan DeliveryPatience = TimeSpan.FromMilliseconds(250);

    /// <summary>Reasons the page may give; the button and typed requests have their own paths.</summary>
    private static readonly HelpReason[] ScreenReasons = [HelpReason.Screen, HelpReason.LowConfidence, HelpReason.Repeated];

    public static IEndpointRouteBuilder MapScreenApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapGet("/screen", Setup);
        api.MapGet("/state", (ScreenStateFeed feed) => feed.Current());
        api.MapGet("/events", (ScreenStateFeed feed, IHostApplicationLifetime lifetime, HttpContext http) =>
        {
            // The stream ends when the page goes away or the kiosk stops, so shutdown never waits on an open page.
            var cancellation = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
            http.Response.RegisterForDispose(cancellation);
            return TypedResults.ServerSentEvents(feed.WatchAsync(cancellation.Token).Select(state => new SseItem<ScreenState>(state, "state")));
        });
        api.MapPost("/ask", Ask);
        api.MapPost("/quick", Quick);
        api.MapPost("/language", SetLanguage);
        api.MapPost("/help", CallPerson);
        api.MapPost("/help/cancel", (HelpCallCoordinator help, ScreenStateFeed feed) =>
        {
            help.Cancel();
            return feed.Current();
        });
        api.MapPost("/help/chat", Chat);
        api.MapPost("/help/typing", Typing);
        api.MapPost("/help/rating", Rate);
        api.MapPost("/reset", (ShopperConversation conversation, HelpCallCoordinator help, ScreenStateFeed feed) =>
        {
            if (!help.IsActive)
            {
                conversation.Clear("shopper finished");
                help.ForgetLastEnded(); // a new shopper never sees the last one's end message
            }

            return feed.Current();
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
        // Text with no words (emoji, punctuation, control characters) is still a question: the model says "not sure"
        // and the shopper is offered a person, rather than an error.
        if (string.IsNullOrWhiteSpace(request.Text))
        {
            return Reject(logger, "The question is empty.");
        }

        if (request.Text.Length > MaxTextLength)
        {
            return Reject(logger, $"The question is longer than {MaxTextLength} characters.");
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

    private static async Task<IResult> CallPerson(HelpRequest request, HelpCallCoordinator help, ScreenStateFeed feed, ILogger<Assistant> logger, HttpContext http)
    {
        var reason = request.Reason ?? HelpReason.Screen;
        if (!ScreenReasons.Contains(reason))
        {
            return Reject(logger, $"Reason '{reason}' cannot come from the screen.");
        }

        help.Start(reason);
        await feed.WaitForDeliveryAsync(DeliveryPatience, http.RequestAborted);
        return Results.Ok(feed.Current());
    }

    /// <summary>The shopper is typing to the agent: a hint at most every 3 s, QoS 0, never any text.</summary>
    private static async Task<IResult> Typing(HelpCallCoordinator help, KioskBrokerLink link, ILogger<Assistant> logger, HttpContext http)
    {
        if (!help.IsActive)
        {
            return Results.Problem("No person is being called.", statusCode: StatusCodes.Status409Conflict);
        }

        if (help.ShopperTyping() is { } typing && !await link.PublishTypingAsync(typing, http.RequestAborted))
        {
            Log.ShopperTypingNotSent(logger, typing.RequestId);
        }

        return Results.NoContent();
    }

    private static IResult Rate(RatingRequest request, HelpCallCoordinator help, ScreenStateFeed feed, ILogger<Assistant> logger)
    {
        if (request.Score is not { } score || score is < HelpRatingMessage.MinScore or > HelpRatingMessage.MaxScore)
        {
            return Reject(logger, $"A rating is {HelpRatingMessage.MinScore} to {HelpRatingMessage.MaxScore}.");
        }

        if (request.RequestId is null || !Ids.IsValid(request.RequestId))
        {
            return Reject(logger, "The rating names no valid request.");
        }

        return help.Rate(request.RequestId, score) switch
        {
            RatingResult.Rated => Results.Ok(feed.Current()),
            RatingResult.BadScore => Reject(logger, $"A rating is {HelpRatingMessage.MinScore} to {HelpRatingMessage.MaxScore}."),
            _ => Results.Problem("Only the last call a person resolved can be rated, once.", statusCode: StatusCodes.Status409Conflict),
        };
    }

    private static IResult Chat(ChatRequest request, HelpCallCoordinator help, ScreenStateFeed feed, ILogger<Assistant> logger)
    {
        if (string.IsNullOrWhiteSpace(request.Text) || request.Text.Length > MaxTextLength)
        {
            return Reject(logger, $"A chat line must have 1–{MaxTextLength} characters.");
        }

        return help.ShopperSays(request.Text) is null
            ? Results.Problem("No person is being called.", statusCode: StatusCodes.Status409Conflict)
            : Results.Ok(feed.Current());
    }

    private static bool IsOffered(string? language, StoreAnswers answers) =>
        language is not null && answers.Languages.Contains(language);

    private static IResult Reject(ILogger logger, string problem)
    {
        Log.ScreenRequestRejected(logger, problem);
        return Results.Problem(problem, statusCode: StatusCodes.Status400BadRequest);
    }
}
