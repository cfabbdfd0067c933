using KioskAssist.FirmwareHost.HelpCall;
using KioskAssist.Protocol;
using KioskAssist.Protocol.Messages;

namespace KioskAssist.Tests.HelpCall;

/// <summary>
/// What the shopper's screen is told about a call, driven with a fake clock over a real SQLite outbox: who the agent is,
/// typing both ways, a release explained, an estimate from the first second that never goes stale, store staff called
/// when nobody is online, staff acknowledgement, and the rating of a resolved call.
/// </summary>
[Trait("Category", "HelpCall")]
public sealed class HonestCallStateTests : IDisposable
{
    private readonly HelpCallFixture _kiosk = new();

    private HelpCallCoordinator Help => _kiosk.Coordinator;

    private static QueueMessage Queue(int agentsOnline, double? median = null, params string[] open) =>
        new(DateTimeOffset.UnixEpoch, [.. open.Select(id => new QueueEntry(id, HelpCallFixture.Site, HelpCallFixture.Kiosk, DateTimeOffset.UnixEpoch, false))], agentsOnline, median);

    private IReadOnlyList<StaffAlertMessage> StaffAlerts() => _kiosk.PendingOn<StaffAlertMessage>(Topics.Staff(HelpCallFixture.Site));

    private StaffAckMessage Ack(string requestId, string staffId = "dewi", string site = HelpCallFixture.Site, string kiosk = HelpCallFixture.Kiosk) =>
        new(Ids.New(), requestId, site, kiosk, new StaffRef(staffId, char.ToUpperInvariant(staffId[0]) + staffId[1..]), _kiosk.Time.GetUtcNow());

    private HelpCallView Claimed(string agent = "ana")
    {
        Help.OnQueue(Queue(agentsOnline: 2, median: 30));
        var call = Help.Start(HelpReason.Screen);
        Assert.Equal(ActionResult.Applied, Help.Apply(_kiosk.Action(AgentActionType.Claim, call.RequestId, agent), call.RequestId));
        return Help.View()!;
    }

    [Fact]
    public void The_agent_comes_with_a_name_and_initials_and_no_agent_before_a_claim()
    {
        Help.OnQueue(Queue(agentsOnline: 1, median: 30));
        var call = Help.Start(HelpReason.Screen);
        Assert.Null(call.Agent);

        var action = _kiosk.Action(AgentActionType.Claim, call.RequestId, "ana") with { Agent = new AgentRef("ana", "ana putri") };
        Help.Apply(action, call.RequestId);

        Assert.Equal(new HelpAgentView("ana putri", "AP"), Help.View()!.Agent);
        Assert.Equal("B", HelpAgentView.Of("Budi").Initials);
    }

    [Fact]
    public void The_assigned_agent_typing_shows_for_six_seconds_and_is_neither_saved_nor_remembered()
    {
        var call = Claimed();
        var pendingBefore = _kiosk.Pending().Count;
        var typing = _kiosk.Action(AgentActionType.Typing, call.RequestId, "ana");

        Assert.Equal(ActionResult.Applied, Help.Apply(typing, call.RequestId));
        Assert.True(Help.View()!.AgentTyping);
        Assert.Equal(ActionResult.Applied, Help.Apply(typing, call.RequestId)); // not remembered: the same id again is no duplicate
        Assert.Equal(pendingBefore, _kiosk.Pending().Count);

        _kiosk.Time.Advance(TimeSpan.FromSeconds(5.9));
        Help.Tick();
        Assert.True(Help.View()!.AgentTyping);
        _kiosk.Time.Advance(TimeSpan.FromSeconds(0.2));
        Help.Tick();
        Assert.False(Help.View()!.AgentTyping);

        Help.Apply(typing, call.RequestId);
        Assert.False(_kiosk.Restart().View()!.AgentTyping); // memory only: a restart forgets it
    }

    [Fact]
    public void The_agents_next_line_ends_her_typing()
    {
        var call = Claimed();
        Help.Apply(_kiosk.Action(AgentActionType.Typing, call.RequestId, "ana"), call.RequestId);

        Help.Apply(_kiosk.Action(AgentActionType.Chat, call.RequestId, "ana", text: "Hi, I'm Ana."), call.RequestId);

        Assert.False(Help.View()!.AgentTyping);
    }

    [Fact]
    public void Typing_from_anyone_but_the_assigned_agent_is_refused()
    {
        var call = Claimed("ana");

        Assert.Equal(ActionResult.Refused, Help.Apply(_kiosk.Action(AgentActionType.Typing, call.RequestId, "budi"), call.RequestId));

        Assert.False(Help.View()!.AgentTyping);
    }

    [Fact]
    public void Typing_on_an_open_call_is_refused()
    {
        var call = Help.Start(HelpReason.Screen);

        Assert.Equal(ActionResult.Refused, Help.Apply(_kiosk.Action(AgentActionType.Typing, call.RequestId, "ana"), call.RequestId));
    }

    [Fact]
    public void The_shopper_typing_hint_goes_at_most_once_per_three_seconds_and_never_through_the_outbox()
    {
        Assert.Null(Help.ShopperTyping()); // no call, nothing to say
        var call = Claimed();
        var pendingBefore = _kiosk.Pending().Count;

        var first = Help.ShopperTyping();
        _kiosk.Time.Advance(TimeSpan.FromSeconds(2.9));
        var tooSoon = Help.ShopperTyping();
        _kiosk.Time.Advance(TimeSpan.FromSeconds(0.1));
        var next = Help.ShopperTyping();

        Assert.Equal(call.RequestId, first!.RequestId);
        Assert.Null(tooSoon);
        Assert.NotNull(next);
        Assert.Equal(pendingBefore, _kiosk.Pending().Count);
    }

    [Fact]
    public void A_release_is_explained_until_the_next_claim()
    {
        var call = Claimed("ana");
        _kiosk.Time.Advance(TimeSpan.FromSeconds(4));

        Help.Apply(_kiosk.Action(AgentActionType.Release, call.RequestId, "ana"), call.RequestId);

        Assert.Equal(new HelpReleased("Ana", _kiosk.Time.GetUtcNow()), Help.View()!.Released);
        Assert.Equal(HelpState.Open, Help.View()!.State);
        Assert.Equal(new HelpReleased("Ana", _kiosk.Time.GetUtcNow()), _kiosk.Restart().View()!.Released); // saved with the call

        Help.Apply(_kiosk.Action(AgentActionType.Claim, call.RequestId, "budi"), call.RequestId);

        Assert.Null(Help.View()!.Released);
        Assert.Equal("Budi", Help.View()!.Agent!.Name);
    }

    [Fact]
    public void The_estimate_is_there_from_the_first_second_from_the_configured_default()
    {
        var call = Help.Start(HelpReason.Screen);

        Assert.Equal(_kiosk.Options.DefaultEstimateSeconds, call.EstimateSeconds);
        Assert.Equal(EstimateSource.Default, call.EstimateSource);
        Assert.Equal(_kiosk.Time.GetUtcNow(), call.EstimateAt);
    }

    [Fact]
    public void The_estimate_comes_from_the_queue_when_agents_are_online()
    {
        var call = Help.Start(HelpReason.Screen);

        Help.OnQueue(Queue(agentsOnline: 2, median: 40, "other-1", "other-2", call.RequestId));

        var view = Help.View()!;
        Assert.Equal(EstimateSource.Queue, view.EstimateSource);
        Assert.Equal(3, view.QueuePosition);
        Assert.Equal(80, view.EstimateSeconds); // 40 s × ceil(3 / 2)
    }

    [Fact]
    public void The_estimate_says_no_agents_when_the_desks_have_none_online()
    {
        Help.OnQueue(Queue(agentsOnline: 0, median: 40));

        var call = Help.Start(HelpReason.Screen);

        Assert.Equal(EstimateSource.NoAgents, call.EstimateSource);
        Assert.NotNull(call.EstimateSeconds);
    }

    [Fact]
    public void The_estimate_counts_down_and_is_recomputed_when_the_wait_eats_it_never_reaching_zero()
    {
        var call = Help.Start(HelpReason.Screen); // default 120 s
        _kiosk.Time.Advance(TimeSpan.FromSeconds(60));
        Help.Tick();
        Assert.Equal(60, Help.View()!.EstimateSeconds);

        var changes = 0;
        Help.Changed += () => changes++;
        _kiosk.Time.Advance(TimeSpan.FromSeconds(50)); // 10 s left: below the 15 s floor
        Help.Tick();

        var view = Help.View()!;
        Assert.Equal(130, view.EstimateSeconds); // one more expected wait: 240 − 110
        Assert.Equal(_kiosk.Time.GetUtcNow(), view.EstimateAt);
        Assert.True(changes >= 1); // the screen is told, rather than left showing the old figure
        Assert.Equal(call.RequestId, view.RequestId);
    }

    [Fact]
    public void The_default_estimate_learns_from_this_kiosks_recent_claims()
    {
        var first = Help.Start(HelpReason.Screen);
        _kiosk.Time.Advance(TimeSpan.FromSeconds(40));
        Help.Apply(_kiosk.Action(AgentActionType.Claim, first.RequestId, "ana"), first.RequestId);
        Help.Apply(_kiosk.Action(AgentActionType.Resolve, first.RequestId, "ana", outcome: "answered"), first.RequestId);

        var second = Help.Start(HelpReason.Screen);

        Assert.Equal(40, second.EstimateSeconds);
        Assert.Equal(EstimateSource.Default, second.EstimateSource);
    }

    [Fact]
    public void No_agent_online_alerts_the_store_staff_at_the_press_and_only_once()
    {
        Help.OnQueue(Queue(agentsOnline: 0));

        var call = Help.Start(HelpReason.Screen);

        var alert = Assert.Single(StaffAlerts());
        Assert.Equal(call.RequestId, alert.RequestId);
        Assert.Equal(0, alert.WaitedSeconds);
        Assert.True(call.StaffCalled);

        Help.OnQueue(Queue(agentsOnline: 0));
        _kiosk.Time.Advance(TimeSpan.FromSeconds(20));
        Help.Tick(); // the urgent step re-announces the request but does not alert the staff twice
        Assert.Single(StaffAlerts());
        Assert.True(Help.View()!.Urgent);
    }

    [Fact]
    public void The_desks_going_to_no_agents_during_a_call_alerts_the_store_staff_at_once()
    {
        Help.OnQueue(Queue(agentsOnline: 1, median: 30));
        var call = Help.Start(HelpReason.Screen);
        Assert.Empty(StaffAlerts());
        Assert.False(call.StaffCalled);

        Help.OnQueue(Queue(agentsOnline: 0));

        Assert.Equal(call.RequestId, Assert.Single(StaffAlerts()).RequestId);
        Assert.True(Help.View()!.StaffCalled);
    }

    [Fact]
    public void No_desk_heard_of_within_the_grace_alerts_the_store_staff()
    {
        var call = Help.Start(HelpReason.Screen);
        _kiosk.Time.Advance(TimeSpan.FromSeconds(_kiosk.Options.NoDeskGraceSeconds - 1));
        Help.Tick();
        Assert.Empty(StaffAlerts());

        _kiosk.Time.Advance(TimeSpan.FromSeconds(1));
        Help.Tick();

        Assert.Equal(call.RequestId, Assert.Single(StaffAlerts()).RequestId);
        Assert.True(_kiosk.Restart().View()!.StaffCalled); // saved with the call
    }

    [Fact]
    public void A_desk_with_agents_online_means_no_early_alert()
    {
        Help.OnQueue(Queue(agentsOnline: 1, median: 30));
        Help.Start(HelpReason.Screen);
        _kiosk.Time.Advance(TimeSpan.FromSeconds(19));

        Help.Tick();

        Assert.Empty(StaffAlerts());
    }

    [Fact]
    public void The_first_staff_acknowledgement_is_applied_once_and_kept_across_a_restart()
    {
        var call = Help.Start(HelpReason.Screen);
        _kiosk.Time.Advance(TimeSpan.FromSeconds(25));
        var ack = Ack(call.RequestId, "dewi");
        var changes = 0;
        Help.Changed += () => changes++;

        Assert.Equal(ActionResult.Applied, Help.ApplyStaffAck(ack, call.RequestId));
        Assert.Equal(ActionResult.Duplicate, Help.ApplyStaffAck(ack, call.RequestId));
        Assert.Equal(ActionResult.Refused, Help.ApplyStaffAck(Ack(call.RequestId, "eko"), call.RequestId));

        Assert.Equal(1, changes);
        var expected = new HelpStaffView("Dewi", _kiosk.Time.GetUtcNow());
        Assert.Equal(expected, Help.View()!.Staff);
        Assert.Equal(expected, _kiosk.Restart().View()!.Staff);
    }

    [Fact]
    public void A_staff_acknowledgement_for_another_request_or_kiosk_changes_nothing()
    {
        var call = Help.Start(HelpReason.Screen);

        Assert.Equal(ActionResult.UnknownRequest, Help.ApplyStaffAck(Ack("other-request"), "other-request"));
        Assert.Equal(ActionResult.UnknownRequest, Help.ApplyStaffAck(Ack(call.RequestId), "other-request")); // topic and payload disagree
        Assert.Equal(ActionResult.Refused, Help.ApplyStaffAck(Ack(call.RequestId, kiosk: "kiosk-8"), call.RequestId));

        Assert.Null(Help.View()!.Staff);
    }

    [Fact]
    public void A_staff_acknowledgement_after_the_call_ended_is_unknown()
    {
        var call = Help.Start(HelpReason.Screen);
        Help.Cancel();

        Assert.Equal(ActionResult.UnknownRequest, Help.ApplyStaffAck(Ack(call.RequestId), call.RequestId));
    }

    [Fact]
    public void A_resolved_call_can_be_rated_once_and_the_rating_goes_out_through_the_outbox()
    {
        var call = Claimed("ana");
        Help.Apply(_kiosk.Action(AgentActionType.Resolve, call.RequestId, "ana", outcome: "answered"), call.RequestId);
        Assert.True(Help.LastEnded!.Ratable);

        Assert.Equal(RatingResult.BadScore, Help.Rate(call.RequestId, 4));
        Assert.Equal(RatingResult.NotRatable, Help.Rate("another-request", 3));
        Assert.Equal(RatingResult.Rated, Help.Rate(call.RequestId, 3));
        Assert.Equal(RatingResult.NotRatable, Help.Rate(call.RequestId, 1));

        var rating = Assert.Single(_kiosk.PendingOn<HelpRatingMessage>(Topics.Rating(HelpCallFixture.Site, HelpCallFixture.Kiosk, call.RequestId)));
        Assert.Equal((3, "ana", HelpCallFixture.Kiosk), (rating.Score, rating.Agent!.Id, rating.Kiosk));
        Assert.Equal(3, Help.LastEnded!.Rating);
        Assert.False(Help.LastEnded!.Ratable);
        Assert.Equal(new RatingCounts(0, 0, 1), _kiosk.Metrics.Snapshot().RatingsSinceStart);
        Assert.Equal(new RatingCounts(0, 0, 1), _kiosk.Metrics.Snapshot().RatingsToday);
    }

    [Fact]
    public void A_cancelled_call_is_not_ratable_nor_is_one_in_progress()
    {
        var call = Claimed("ana");
        Assert.Equal(RatingResult.NotRatable, Help.Rate(call.RequestId, 3));

        Help.Cancel();

        Assert.False(Help.LastEnded!.Ratable);
        Assert.Equal(RatingResult.NotRatable, Help.Rate(call.RequestId, 3));
        Assert.Empty(_kiosk.PendingOn<HelpRatingMessage>(Topics.Rating(HelpCallFixture.Site, HelpCallFixture.Kiosk, call.RequestId)));
    }

    [Fact]
    public void A_new_shopper_does_not_see_the_last_ones_end()
    {
        var call = Claimed("ana");
        Help.Apply(_kiosk.Action(AgentActionType.Resolve, call.RequestId, "ana", outcome: "answered"), call.RequestId);

        Help.ForgetLastEnded();

        Assert.Null(Help.LastEnded);
        Assert.Equal(RatingResult.NotRatable, Help.Rate(call.RequestId, 3));
    }

    public void Dispose() => _kiosk.Dispose();
}
