using System.Diagnostics;
using KioskAssist.FirmwareHost.Answers;
using KioskAssist.FirmwareHost.Fleet;
using KioskAssist.FirmwareHost.HelpCall;
using KioskAssist.FirmwareHost.Model;
using KioskAssist.Intent;
using KioskAssist.Protocol.Messages;

namespace KioskAssist.FirmwareHost.Conversation;

/// <summary>
/// Decides what the kiosk says: asks the on-device model, answers what it knows in the shopper's language,
/// never guesses when it is unsure (the model's <c>oos</c> class wins, or its confidence is below the threshold or the
/// model's minimum confidence), offers a person when an answer did not help, and turns requests for a
/// person into a call.
/// </summary>
/// <remarks>Thread-safe; plain C# with no web or hardware types, so tests drive it directly.</remarks>
public sealed class Assistant(
    ActiveModel model, StoreAnswers answers, ShopperConversation conversation, HelpCallCoordinator help, KioskMetrics metrics, ILogger<Assistant> logger,
    Pos.CheckoutTracker checkout)
{
    /// <summary>Below this the question's language is unclear ("ok", "QRIS") and the screen's language is used.</summary>
    public const float LanguageConfidenceNeeded = 0.8f;

    /// <summary>Answers a typed question. <paramref name="screenLanguage"/> is used when the question's own language is unclear.</summary>
    public AssistantReply Ask(string question, string screenLanguage)
    {
        ArgumentNullException.ThrowIfNull(question);
        var started = Stopwatch.GetTimestamp();
        var text = question.Trim();
        if (text.Length > TextNormalizer.MaxCharacters)
        {
            text = text[..TextNormalizer.MaxCharacters];
        }

        IntentPrediction prediction;
        float minConfidence;
        using (var lease = model.Acquire())
        {
            // The lease keeps this model alive if a rollout swaps in another meanwhile.
            prediction = lease.Model.Predict(text);
            minConfidence = lease.Model.Manifest.MinConfidence;
        }

        if (prediction.BelowMinConfidence)
        {
            // The oos class lost, but answers this unsure were wrong more often than right on the trainer's held-out
            // rows: the model already turned it into "oos"; say why in the log (the intent, never the text).
            Log.QuestionBelowMinConfidence(logger, prediction.BestGuess, prediction.Confidence, minConfidence);
        }

        var language = LanguageOf(prediction, screenLanguage);
        var askedBefore = conversation.Snapshot().Transcript.LastOrDefault(e => e.Speaker == Speaker.Assistant)?.Intent;
        conversation.Add(new TranscriptEntry(conversation.Now, Speaker.Shopper, text, language));
        if (checkout.AnswerInContext(prediction.Intent, language) is { } context)
        {
            // Right after a checkout event the question is about it: "why was my card declined?" after code 51 is
            // answered for insufficient funds, not with the generic card answer.
            conversation.Add(new TranscriptEntry(conversation.Now, Speaker.Assistant, context.Text, language, context.Intent, prediction.Confidence));
            metrics.QuestionAnswered();
            Log.QuestionAnswered(logger, context.Intent, prediction.Confidence, language, "AnswerInContext",
                Stopwatch.GetElapsedTime(started).TotalMicroseconds);
            return new AssistantReply(ReplyKind.Answer, context.Intent, prediction.Confidence, language, context.Text, HelpReason.Screen);
        }

        var reply = Respond(prediction.Intent, prediction.Confidence, language, HelpReason.Explicit);
        if (reply.Kind == ReplyKind.Answer && askedBefore == prediction.Intent)
        {
            // The same question again: the answer did not help. Answer, and offer a person right there.
            reply = reply with { OfferPerson = HelpReason.Repeated };
        }

        if (reply.Kind == ReplyKind.NotSure)
        {
            metrics.QuestionRejected();
        }
        else
        {
            metrics.QuestionAnswered();
        }

        Log.QuestionAnswered(logger, prediction.Intent, prediction.Confidence, language, reply.Kind.ToString(),
            Stopwatch.GetElapsedTime(started).TotalMicroseconds);
        return reply;
    }

    /// <summary>A common-question button: the intent is known, so the model is not asked.</summary>
    public AssistantReply AskQuick(string intent, string language)
    {
        conversation.Add(new TranscriptEntry(conversation.Now, Speaker.Shopper, answers.LabelFor(intent, language), language));
        return Respond(intent, 1f, language, HelpReason.Screen);
    }

    private AssistantReply Respond(string intent, float confidence, string language, HelpReason personReason)
    {
        if (intent == IntentModel.OutOfScope || !answers.Knows(intent))
        {
            conversation.Add(new TranscriptEntry(conversation.Now, Speaker.Assistant, "(not sure)", language, IntentModel.OutOfScope, confidence));
            return new AssistantReply(ReplyKind.NotSure, IntentModel.OutOfScope, confidence, language, null, HelpReason.LowConfidence);
        }

        var text = answers.TextFor(intent, language);
        conversation.Add(new TranscriptEntry(conversation.Now, Speaker.Assistant, text, language, intent, confidence));
        if (answers.ActionFor(intent) == AnswerAction.Person)
        {
            help.Start(personReason);
            return new AssistantReply(ReplyKind.Person, intent, confidence, language, text, null);
        }

        return new AssistantReply(ReplyKind.Answer, intent, confidence, language, text, null);
    }

    /// <summary>The language the question was written in when the model is clear about it and the screen offers it.</summary>
    private string LanguageOf(IntentPrediction prediction, string screenLanguage) =>
        prediction.Language is { } detected && prediction.LanguageConfidence >= LanguageConfidenceNeeded && answers.Languages.Contains(detected)
            ? detected
            : screenLanguage;
}
