using System.Text.Json;
using KioskAssist.Protocol;
using KioskAssist.Protocol.Messages;

namespace KioskAssist.FirmwareHost.Rollouts;

/// <summary>
/// The kiosk's rollout directory (<c>Rollout:Directory</c>):
/// <code>
/// staging/{rollout}/           a package being unpacked and checked
/// model/{rollout}/             a rolled-out model directory (the active one and the one before it; older ones are deleted)
/// model/state.json             {"current": rollout or null, "previous": rollout or null}; null is the shipped version
/// model/handled                the last rollout id acted on, so a redelivered retained command is ignored
/// answers/{rollout}/answers.json, answers/state.json, answers/handled   likewise
/// aborted                      rollout ids the operator aborted, one a line
/// </code>
/// <c>state.json</c> is replaced by rename, so a power cut leaves the old state or the new one, never half of each.
/// </summary>
/// <remarks>Not thread-safe: the rollout agent's one loop and the start-up load (before it runs) use it.</remarks>
public sealed class RolloutStore(string root)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Root { get; } = root;

    /// <summary>A fresh, empty staging directory for one rollout.</summary>
    public string NewStaging(string rolloutId)
    {
        var staging = Path.Combine(Root, "staging", Ids.Check(rolloutId));
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }

        Directory.CreateDirectory(staging);
        return staging;
    }

    public void DeleteStaging(string rolloutId)
    {
        var staging = Path.Combine(Root, "staging", Ids.Check(rolloutId));
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>The directory a rolled-out version of <paramref name="kind"/> lives in.</summary>
    public string VersionDirectory(RolloutKind kind, string rolloutId) => Path.Combine(KindDirectory(kind), Ids.Check(rolloutId));

    public RolloutSlots Slots(RolloutKind kind)
    {
        var file = StateFile(kind);
        if (!File.Exists(file))
        {
            return RolloutSlots.Shipped;
        }

        // Only ids this store wrote can be in it; anything else means the file was damaged: run the shipped version.
        RolloutSlots? slots;
        try
        {
            slots = JsonSerializer.Deserialize<RolloutSlots>(File.ReadAllText(file), Json);
        }
        catch (JsonException)
        {
            return RolloutSlots.Shipped;
        }

        return slots is not null && (slots.Current is null || Ids.IsValid(slots.Current)) && (slots.Previous is null || Ids.IsValid(slots.Previous))
            ? slots
            : RolloutSlots.Shipped;
    }

    /// <summary>
    /// Moves a checked staging directory into place and makes it current; the current one becomes previous, and the
    /// one before that is deleted.
    /// </summary>
    public RolloutSlots Promote(RolloutKind kind, string rolloutId, string staging)
    {
        var target = VersionDirectory(kind, rolloutId);
        Directory.CreateDirectory(KindDirectory(kind));
        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }

        Directory.Move(staging, target);
        var slots = new RolloutSlots(rolloutId, Slots(kind).Current);
        Save(kind, slots);
        return slots;
    }

    /// <summary>Makes the previous version current again (the shipped one when there is none) and deletes the one that failed.</summary>
    public RolloutSlots RollBack(RolloutKind kind)
    {
        var slots = new RolloutSlots(Slots(kind).Previous, null);
        Save(kind, slots);
        return slots;
    }

    public bool WasHandled(RolloutKind kind, string rolloutId) =>
        File.Exists(HandledFile(kind)) && File.ReadAllText(HandledFile(kind)).Trim() == rolloutId;

    public void MarkHandled(RolloutKind kind, string rolloutId)
    {
        Directory.CreateDirectory(KindDirectory(kind));
        ReplaceFile(HandledFile(kind), rolloutId);
    }

    public bool WasAborted(string rolloutId) =>
        File.Exists(AbortedFile) && File.ReadLines(AbortedFile).Any(line => line == rolloutId);

    public void MarkAborted(string rolloutId)
    {
        if (!WasAborted(rolloutId))
        {
            Directory.CreateDirectory(Root);
            File.AppendAllLines(AbortedFile, [Ids.Check(rolloutId)]);
        }
    }

    private string AbortedFile => Path.Combine(Root, "aborted");

    private string KindDirectory(RolloutKind kind) => Path.Combine(Root, RolloutSignature.Name(kind));

    private string StateFile(RolloutKind kind) => Path.Combine(KindDirectory(kind), "state.json");

    private string HandledFile(RolloutKind kind) => Path.Combine(KindDirectory(kind), "handled");

    private void Save(RolloutKind kind, RolloutSlots slots)
    {
        Directory.CreateDirectory(KindDirectory(kind));
        ReplaceFile(StateFile(kind), JsonSerializer.Serialize(slots, Json));

        // Keep what the state names, nothing else: each version of a model is ~4 MB on an SD card.
        foreach (var directory in Directory.EnumerateDirectories(KindDirectory(kind)))
        {
            var name = Path.GetFileName(directory);
            if (name != slots.Current && name != slots.Previous)
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static void ReplaceFile(string path, string contents)
    {
        var temporary = path + ".new";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(contents);
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
