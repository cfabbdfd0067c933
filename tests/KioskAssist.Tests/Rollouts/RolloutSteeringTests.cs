using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KioskAssist.FirmwareHost.Answers;
using KioskAssist.Provisioning;
using KioskAssist.Tests.Support;

namespace KioskAssist.Tests.Rollouts;

/// <summary>
/// Steering rollouts (#15 item 2) with kafleet in-process and real kiosk hosts over the fixture's real Mosquitto:
/// canary → promote → abort by id, late reports reaching the registry, <c>--json</c>, and the local pre-flight.
/// </summary>
[Trait("Category", "Integration")]
public sealed partial class RolloutSteeringTests(RolloutFixture fleet) : IClassFixture<RolloutFixture>
{
    private const string ShippedAnswers = "2026.12.05.1";

    [Fact]
    public async Task A_canary_is_promoted_to_the_rest_without_a_refusal_late_reports_reach_the_registry_and_abort_by_id_rolls_all_back()
    {
        await using var p1 = await fleet.StartKioskAtAsync("p", "p1", fleet.NewDataDirectory());
        await using var p2 = await fleet.StartKioskAtAsync("p", "p2", fleet.NewDataDirectory());
        var shipped = p1.Get<StoreAnswers>().Version;

        // Canary of one, not waited for: the registry says pending until a later command reads the kiosk's report.
        var (code, output, _) = fleet.Kafleet("rollout", "answers", "--file", fleet.Answers("2099.8.8.8", "card_declined", "promoted"), "--to", "p", "--canary", "1%", "--wait-seconds", "0");
        Assert.Equal(RolloutPublisher.NotAllApplied, code);
        var id = RolloutIdIn(output);
        var canary = p1.Get<StoreAnswers>().Version == "2099.8.8.8" ? p1 : p2;
        await Eventually.TrueAsync(() => p1.Get<StoreAnswers>().Version == "2099.8.8.8" || p2.Get<StoreAnswers>().Version == "2099.8.8.8", "the canary applies");
        canary = p1.Get<StoreAnswers>().Version == "2099.8.8.8" ? p1 : p2;
        var other = canary == p1 ? p2 : p1;
        Assert.Equal(shipped, other.Get<StoreAnswers>().Version);

        using (var ledger = RolloutLedger.Open(fleet.Fleet.Fleet))
        {
            Assert.Equal("pending", Assert.Single(ledger.Targets(id)).Status);
        }

        var (statusCode, statusJson, statusError) = fleet.Kafleet("rollout", "status", id, "--json");
        Assert.True(statusCode == 0, statusError);
        var status = JsonNode.Parse(statusJson)!;
        Assert.Equal("applied", status["kiosks"]![0]!["status"]!.GetValue<string>());
        Assert.Equal(1, status["rollout"]!["applied"]!.GetValue<int>());

        var (promoteCode, promoteOutput, promoteError) = fleet.Kafleet("rollout", "promote", id, "--wait-seconds", "60");
        Assert.True(promoteCode == 0, $"{promoteOutput}\n{promoteError}");
        Assert.Contains($"Promoted rollout {id} (answers 2099.8.8.8) from p canary 1% to p: signed and sent to 1 more kiosk(s)", promoteOutput, StringComparison.Ordinal);
        Assert.Contains("1 applied, 0 refused, 0 rolled back, 0 pending.", promoteOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("not newer", promoteOutput, StringComparison.Ordinal);
        Assert.Equal("2099.8.8.8", p1.Get<StoreAnswers>().Version);
        Assert.Equal("2099.8.8.8", p2.Get<StoreAnswers>().Version);

        var (listCode, listJson, _) = fleet.Kafleet("rollout", "list", "--json");
        Assert.Equal(0, listCode);
        var listed = JsonNode.Parse(listJson)!.AsArray().Single(r => r!["id"]!.GetValue<string>() == id)!;
        Assert.Equal(2, listed["applied"]!.GetValue<int>());
        Assert.Equal("p", listed["target"]!.GetValue<string>());

        // A newer rollout elsewhere makes this one not the latest: abort by id must still reach both kiosks.
        fleet.Kafleet("rollout", "answers", "--file", fleet.Answers("2099.8.8.9", "card_declined", "elsewhere"), "--to", "c", "--wait-seconds", "0");
        var (abortCode, abortOutput, abortError) = fleet.Kafleet("rollout", "abort", id, "--wait-seconds", "60");
        Assert.True(abortCode == 0, $"{abortOutput}\n{abortError}");
        Assert.DoesNotContain("No rollout id given", abortOutput, StringComparison.Ordinal);
        Assert.Matches(@"p/p1\s+rolled_back", abortOutput);
        Assert.Matches(@"p/p2\s+rolled_back", abortOutput);
        Assert.Equal(shipped, p1.Get<StoreAnswers>().Version);
        Assert.Equal(shipped, p2.Get<StoreAnswers>().Version);
        Assert.Equal(ShippedAnswers, shipped);
    }

    [Fact]
    public void Abort_without_an_id_names_the_latest_rollout_before_it_acts()
    {
        var (_, output, _) = fleet.Kafleet("rollout", "answers", "--file", fleet.Answers("2099.9.9.1", "card_declined", "latest"), "--to", "c/k1", "--wait-seconds", "0");
        var id = RolloutIdIn(output);

        var (code, abortOutput, error) = fleet.Kafleet("rollout", "abort", "--wait-seconds", "0");

        Assert.True(code == 0, error);
        Assert.StartsWith($"No rollout id given: aborting the latest, {id} (answers 2099.9.9.1 to c/k1, created ", abortOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_with_a_checksum_mismatch_and_a_manifest_as_answers_are_refused_locally_and_nothing_is_recorded()
    {
        var broken = fleet.Candidate("2099.9.9.2");
        File.AppendAllText(Path.Combine(broken, "labels.txt"), "extra\n"); // the manifest's checksum no longer matches
        var before = Rollouts();

        var (modelCode, _, modelError) = fleet.Kafleet("rollout", "model", "--file", broken, "--to", "c", "--wait-seconds", "0");
        var (answersCode, _, answersError) = fleet.Kafleet("rollout", "answers", "--file", Path.Combine(fleet.Candidate("2099.9.9.3"), "manifest.json"), "--to", "c", "--wait-seconds", "0");

        Assert.Equal(2, modelCode);
        Assert.Contains("error: pre-flight: ", modelError, StringComparison.Ordinal);
        Assert.Contains("labels.txt", modelError, StringComparison.Ordinal);
        Assert.Equal(2, answersCode);
        Assert.Contains("error: pre-flight: not an answers catalog", answersError, StringComparison.Ordinal);
        Assert.Equal(before, Rollouts());
    }

    [Fact]
    public void A_good_model_passes_the_pre_flight_against_the_shipped_answers_and_says_so()
    {
        var (_, output, error) = fleet.Kafleet("rollout", "model", "--file", fleet.Candidate("2099.9.9.4"), "--to", "c/k2", "--wait-seconds", "0");

        Assert.Contains("Pre-flight ok: model 2099.9.9.4: loads, 35 labels, golden examples match", output, StringComparison.Ordinal);
        Assert.Matches(@"Pre-flight ok: answers \S+ \(.*answers\.json\) answer every intent the model predicts", output);
        Assert.Empty(error);
    }

    private int Rollouts()
    {
        using var ledger = RolloutLedger.Open(fleet.Fleet.Fleet);
        return ledger.All().Count;
    }

    private static string RolloutIdIn(string output) => RolloutIdPattern().Match(output) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException(output);

    [GeneratedRegex("Rollout ([0-9a-f]{32}):")]
    private static partial Regex RolloutIdPattern();
}
