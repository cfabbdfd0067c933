using System.Security.Cryptography;
using KioskAssist.FirmwareHost.Answers;
using KioskAssist.FirmwareHost.Kiosk;
using KioskAssist.FirmwareHost.Model;
using KioskAssist.Intent;
using KioskAssist.Protocol;
using KioskAssist.Protocol.Messages;
using Microsoft.Extensions.Options;

namespace KioskAssist.FirmwareHost.Rollouts;

/// <summary>
/// Decides and carries out rollouts, in plain C# (no broker): a command is checked before its package is fetched
/// (<see cref="Check"/>: addressed here, signed by the fleet, not aborted, newer); a package is checked (size, SHA-256),
/// unpacked, loaded and self-checked before it is swapped in (<see cref="Apply"/>); an abort puts back what ran
/// before (<see cref="Abort"/>). Nothing is swapped unless every check passed, so a refused or failed rollout leaves
/// the active version answering.
/// </summary>
/// <remarks>Not thread-safe: the <see cref="RolloutAgent"/>'s one loop calls it. Owns the public key.</remarks>
public sealed class RolloutApplier : IDisposable
{
    private readonly ECDsa? _key;
    private readonly string _site;
    private readonly string _kiosk;
    private readonly ActiveModel _model;
    private readonly StoreAnswers _answers;
    private readonly ModelOptions _shippedModel;
    private readonly AnswersOptions _shippedAnswers;
    private readonly ILogger _logger;

    public RolloutApplier(
        IOptions<RolloutOptions> options, IOptions<KioskOptions> kiosk, ActiveModel model, StoreAnswers answers, IOptions<ModelOptions> shippedModel,
        IOptions<AnswersOptions> shippedAnswers, ILogger<RolloutApplier> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(kiosk);
        ArgumentNullException.ThrowIfNull(shippedModel);
        ArgumentNullException.ThrowIfNull(shippedAnswers);
        _key = options.Value.PublicKeyFile.Length > 0 ? RolloutKey.Load(options.Value.PublicKeyFile) : null;
        Store = new RolloutStore(options.Value.FullPath);
        (_site, _kiosk, _model, _answers, _shippedModel, _shippedAnswers, _logger) =
            (kiosk.Value.Site, kiosk.Value.Id, model, answers, shippedModel.Value, shippedAnswers.Value, logger);
    }

    public RolloutStore Store { get; }

    /// <summary>False when no rollout key is configured: every rollout is refused.</summary>
    public bool Enabled => _key is not null;

    public string ActiveVersion(RolloutKind kind) => kind == RolloutKind.Model ? _model.Version : _answers.Version;

    /// <summary>Whether <paramref name="command"/> is the operator's word: addressed to this kiosk and signed with the fleet's key.</summary>
    public string? Authenticate(RolloutMessage command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (_key is null)
        {
            return "rollouts are disabled on this kiosk (Rollout:PublicKeyFile is empty)";
        }

        if (command.Signature is null or "")
        {
            return "the command is unsigned";
        }

        if (!RolloutSignature.Verify(_key, RolloutSignature.Canonical(command), command.Signature))
        {
            return "the signature does not verify with this fleet's rollout key";
        }

        return command.Site == _site && command.Kiosk == _kiosk ? null : $"the command is for {command.Site}/{command.Kiosk}, not this kiosk";
    }

    /// <summary>Like <see cref="Authenticate(RolloutMessage)"/> for an abort.</summary>
    public string? Authenticate(RolloutAbortMessage abort)
    {
        ArgumentNullException.ThrowIfNull(abort);
        if (_key is null || !RolloutSignature.Verify(_key, RolloutSignature.Canonical(abort), abort.Signature))
        {
            return $"the abort of {abort.RolloutId} is not signed with this fleet's rollout key";
        }

        return abort.Site == _site && abort.Kiosk == _kiosk ? null : $"the abort is for {abort.Site}/{abort.Kiosk}, not this kiosk";
    }

    /// <summary>For an authenticated command: null when its package is worth fetching, else why it is refused.</summary>
    public string? Check(RolloutMessage command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (Store.WasAborted(command.Id))
        {
            return "the rollout was aborted";
        }

        var active = ActiveVersion(command.Kind);
        return VersionOrder.IsNewer(command.Version, active) ? null : $"version {command.Version} is not newer than the active {active}";
    }

    /// <summary>Checks, unpacks, loads and self-checks <paramref name="package"/>, and swaps it in only if all of that passed.</summary>
    public RolloutDecision Apply(RolloutMessage command, byte[] package)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(package);
        if (package.LongLength != command.Size)
        {
            return Refused($"the package is {package.LongLength} bytes, the command says {command.Size}");
        }

        if (Convert.ToHexStringLower(SHA256.HashData(package)) != command.Sha256)
        {
            return Refused("the package's SHA-256 does not match the command");
        }

        var staging = Store.NewStaging(command.Id);
        try
        {
            PackageUnpacker.Unpack(package, command.Kind, staging);
        }
        catch (InvalidDataException e)
        {
            Store.DeleteStaging(command.Id);
            return Refused($"the package is not a usable {Name(command.Kind)} package: {e.Message}");
        }

        var decision = command.Kind == RolloutKind.Model ? ApplyModel(command, staging) : ApplyAnswers(command, staging);
        Store.DeleteStaging(command.Id);
        return decision;
    }

    /// <summary>
    /// The operator aborted <paramref name="rolloutId"/>: never apply it, and if a kind runs it now, go back to the version
    /// before it. Null when there was nothing to undo.
    /// </summary>
    public RolloutDecision? Abort(string rolloutId)
    {
        Store.MarkAborted(rolloutId);
        RolloutDecision? decision = null;
        foreach (var kind in new[] { RolloutKind.Model, RolloutKind.Answers })
        {
            if (Store.Slots(kind).Current != rolloutId)
            {
                continue;
            }

            var slots = Store.RollBack(kind);
            var back = kind == RolloutKind.Model ? RestoreModel(slots.Current) : RestoreAnswers(slots.Current);
            decision = new RolloutDecision(RolloutOutcome.RolledBack, $"aborted by the operator; back to {Name(kind)} {back}");
        }

        return decision;
    }

    private RolloutDecision ApplyModel(RolloutMessage command, string staging)
    {
        IntentModel candidate;
        try
        {
            candidate = ModelLoader.Load(staging, "the candidate model", _logger);
        }
        catch (OptionsValidationException e)
        {
            return RolledBack($"the candidate failed its self-check: {string.Join(" ", e.Failures)}");
        }

        string? problem = null;
        if (candidate.Version != command.Version)
        {
            problem = $"the package holds model {candidate.Version}, the signed command says {command.Version}";
        }
        else if (candidate.Labels.Where(label => label != IntentModel.OutOfScope && !_answers.Knows(label)).ToArray() is { Length: > 0 } unanswered)
        {
            problem = $"the candidate predicts intents the answers {_answers.Version} do not answer: {string.Join(", ", unanswered)}";
        }

        if (problem is not null)
        {
            candidate.Dispose();
            return RolledBack(problem);
        }

        Store.Promote(RolloutKind.Model, command.Id, staging);
        _model.Replace(candidate, command.Id);
        Log.RolloutSwapped(_logger, "model", candidate.Version, command.Id);
        return new RolloutDecision(RolloutOutcome.Applied, $"now answering with model {candidate.Version}");
    }

    private RolloutDecision ApplyAnswers(RolloutMessage command, string staging)
    {
        AnswerCatalog catalog;
        try
        {
            catalog = AnswerCatalog.Load(Path.Combine(staging, RolloutFiles.Answers));
        }
        catch (InvalidDataException e)
        {
            return RolledBack($"the candidate failed its self-check: {e.Message}");
        }

        var problem = catalog.Version != command.Version
            ? $"the package holds answers {catalog.Version}, the signed command says {command.Version}"
            : _answers.ProblemWith(catalog);
        if (problem is null)
        {
            using var lease = _model.Acquire();
            if (lease.Model.Labels.Where(label => label != IntentModel.OutOfScope && !catalog.Intents.ContainsKey(label)).ToArray() is { Length: > 0 } unanswered)
            {
                problem = $"the candidate has no answer for intents model {lease.Model.Version} predicts: {string.Join(", ", unanswered)}";
            }
        }

        if (problem is not null)
        {
            return RolledBack($"the candidate failed its self-check: {problem}");
        }

        Store.Promote(RolloutKind.Answers, command.Id, staging);
        _answers.Replace(catalog);
        Log.RolloutSwapped(_logger, "answers", catalog.Version, command.Id);
        return new RolloutDecision(RolloutOutcome.Applied, $"now answering with answers {catalog.Version}");
    }

    /// <summary>Loads the model <paramref name="rolloutId"/> left (null: the shipped one) and makes it active; returns its version.</summary>
    private string RestoreModel(string? rolloutId)
    {
        try
        {
            var model = rolloutId is null
                ? ModelLoader.Load(_shippedModel.FullPath, "Model:Directory", _logger)
                : ModelLoader.Load(Store.VersionDirectory(RolloutKind.Model, rolloutId), "the previous model", _logger);
            _model.Replace(model, rolloutId ?? "shipped");
        }
        catch (OptionsValidationException) when (rolloutId is not null)
        {
            // The one before no longer loads either: the shipped model is the last resort.
            return RestoreModel(Store.RollBack(RolloutKind.Model).Current);
        }

        return _model.Version;
    }

    private string RestoreAnswers(string? rolloutId)
    {
        try
        {
            _answers.Replace(AnswerCatalog.Load(rolloutId is null
                ? _shippedAnswers.FullPath
                : Path.Combine(Store.VersionDirectory(RolloutKind.Answers, rolloutId), RolloutFiles.Answers)));
        }
        catch (InvalidDataException) when (rolloutId is not null)
        {
            return RestoreAnswers(Store.RollBack(RolloutKind.Answers).Current);
        }

        return _answers.Version;
    }

    private static RolloutDecision Refused(string reason) => new(RolloutOutcome.Refused, reason);

    private static RolloutDecision RolledBack(string reason) => new(RolloutOutcome.RolledBack, reason);

    private static string Name(RolloutKind kind) => RolloutSignature.Name(kind);

    public void Dispose() => _key?.Dispose();
}
