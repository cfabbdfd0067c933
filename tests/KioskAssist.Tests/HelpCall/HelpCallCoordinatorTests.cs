using KioskAssist.FirmwareHost.Conversation;
using KioskAssist.FirmwareHost.HelpCall;
using KioskAssist.Protocol;
using KioskAssist.Protocol.Messages;

namespace KioskAssist.Tests.HelpCall;

/// <summary>The help call's state machine and escalation ladder, driven with a fake clock over a real SQLite outbox.</summary>
[Trait("Category", "Integration")]
public sealed class HelpCallCoordinatorTests : IDisposable
{
    private readonly HelpCallFixture _kiosk = new();

    private HelpCallCoordinator Help => _kiosk.Coordinator;

    [Fact]
    public void A_call_is_saved_to_the_outbox_with_the_conversation_so_far_before_the_screen_is_told()
    {
        _kiosk.Conversation.Add(new TranscriptEntry(_kiosk.Time.GetUtcNow(), Speaker.Shopper, "cicilan saya ditolak", "id"));
        _kiosk.Conversation.Add(new TranscriptEntry(_kiosk.Time.GetUtcNow(), Speaker.Assistant, "(not sure)", "id", "oos", 0.31f));

        var view = Help.Start(HelpReason.LowConfidence);

        var published = Assert.Single(_kiosk.PublishedStates(view.RequestId));
        Assert.Equal(HelpState.Open, published.State);
        Assert.Equal(HelpReason.LowConfidence, published.Reason);
        Assert.Equal("id", published.Language);
        Assert.Equal(["cicilan saya ditolak", "(not sure)"], published.Transcript.Select(l => l.Text));
        Assert.Equal(0.31f, published.Transcript[1].Confidence);
        Assert.False(view.Delivered); // saved, not yet sent
    }

    [Fact]
    public void Pressing_again_while_calling_keeps_the_one_call()
    {
        var first = Help.Start(HelpReason.Button);
        _kiosk.Time.Advance(TimeSpan.FromSeconds(3));

        var second = Help.Start(HelpReason.Screen);

        Assert.Equal(first.RequestId, second.RequestId);
        Assert.Equal(HelpReason.Button, second.Reason);
        Assert.Single(_kiosk.PublishedStates(first.RequestId));
    }

    [Fact]
    public void Nineteen_seconds_unclaimed_changes_nothing()
    {
        var call = Help.Start(HelpReason.Button);
        _kiosk.Time.Advance(TimeSpan.FromSeconds(19));

        Help.Tick();

        Assert.False(Help.View()!.Urgent);
        Assert.Single(_kiosk.PublishedStates(call.RequestId));
    }

    [Fact]
    public void Twenty_seconds_unclaimed_reannounces_as_urgent_and_alerts_the_store_staff()
    {
        var call = Help.Start(HelpReason.Button);
        _kiosk.Time.Advance(TimeSpan.FromSeconds(20));

        Help.Tick();
        Help.Tick();

        var states = _kiosk.PublishedStates(call.RequestId);
        Assert.Equal(2, states.Count);
        Assert.True(states[1].Urgent);
        Assert.Equal(2, states[1].Revision);
        var alert = Assert.Single(_kiosk.PendingOn<StaffAlertMessage>(Topics.Staff(HelpCallFixture.Site)));
        Assert.Equal(call.RequestId, alert.RequestId);
        Assert.Equal(20, alert.WaitedSeconds);
        Assert.False(Help.View()!.Notice);
    }

    [Fact]
    public void Sixty_seconds_unclaimed_tells_the_shopper_what_happens_next()
    {
        Help.Start(HelpReason.Button);
        _kiosk.Time.Advance(TimeSpan.FromSeconds(20));
        Help.Tick();
        _kiosk.Time.Advance(TimeSpan.FromSeconds(40));

        Help.Tick();

        Assert.True(Help.View()!.Notice);
    }

    [Fact]
    public void An_unclaimed_call_expires_and_the_broker_is_told_to_forget_it()
    {
        var call = Help.Start(HelpReason.Button);
        _kiosk.Time.Advance(TimeSpan.FromSeconds(900));

        Help.Tick();

        Assert.Null(Help.View());
        Assert.Equal(HelpState.Expired, _kiosk.PublishedStates(call.RequestId)[^1].State);
        var last = _kiosk.Pending()[^1];
        Assert.Equal(Topics.Request(HelpCallFixture.Site, HelpCallFixture.Kiosk, call.RequestId), last.Topic);
        Assert.Empty(last.Payload);
        Assert.True(last.Retain);
        Assert.Equal(HelpState.Expired, Help.LastEnded!.State);
    }

    [Fact]
    public void The_first_claim_wins_and_a_later_claim_is_refused()
    {
        var call = Help.Start(HelpReason.Screen);

        var ana = Help.Apply(_kiosk.Action(AgentActionType.Claim, call.RequestId, "ana"), call.RequestId);
        var budi = Help.Apply(_kiosk.Action(AgentActionType.Claim, call.RequestId, "budi"), call.RequestId);

        Assert.Equal(ActionResult.Applied, ana);
        Assert.Equal(ActionResult.Refused, budi);
        var view = Help.View()!;
        Assert.Equal(HelpState.Assigned, view.State);
        Assert.Equal("Ana", view.AgentName);
        Assert.Equal("ana", _kiosk.PublishedStates(call.RequestId)[^1].Agent!.Id);
    }

    [Fact]
    public void A_claim_stops_the_ladder()
    {
        var call = Help.Start(HelpReason.Screen);
        Help.Apply(_kiosk.Action(AgentActionType.Claim, call.RequestId, "ana"), call.RequestId);
        _kiosk.Time.Advance(TimeSpan.FromMinutes(30));

        Help.Tick();

        Assert.Equal(HelpState.Assigned, Help.View()!.State);
        Assert.Empty(_kiosk.PendingOn<StaffAlertMessage>(Topics.Staff(HelpCallFixture.Site)));
    }

    [Fact]
    public void A_redelivered_action_is_applied_once()
    {
        var call = Help.Start(HelpReason.Screen);
        Help.Apply(_kiosk.Action(AgentActionType.Claim, call.RequestId, "ana"), call.RequestId);
        var chat = _kiosk.Action(AgentActionType.Chat, call.RequestId, "ana", "Hi, I'm Ana");

        Assert.Equal(ActionResult.Applied, Help.Apply(chat, call.RequestId));
        Assert.Equal(ActionResult.Duplicate, Help.Apply(chat, call.RequestId));

        Assert.Single(Help.View()!.Chat);
    }

    [Fact]
    public void Chat_goes_both_ways_in_one_numbered_order()
    {
        var call = Help.Start(HelpReason.Screen);
        Help.ShopperSays("my instalment was declined");
        Help.Apply(_kiosk.Action(AgentActionType.Claim, call.RequestId, "ana"), call.RequestId);
        Help.Apply(_kiosk.Action(AgentActionType.Chat, call.RequestId, "ana", "Let me check <b>that</b>"), call.RequestId);
        Help.ShopperSays("thanks");

        var chat = _kiosk.PendingOn<ChatMessage>(Topics.Chat(HelpCallFixture.Site, HelpCallFixture.Kiosk, call.RequestId));

        Assert.Equal([1L, 2, 3], chat.Select(c => c.Sequence));
        Assert.Equal(["shopper", "agent", "shopper"], chat.Select(c => c.From));
        Assert.Equal("Let me check <b>that</b>", chat[1].Text);
        Assert.Equal(HelpState.Connected, Help.View()!.State);
    }

    [Fact]
    public void Only_the_assigned_agent_may_chat_release_or_resolve()
    {
        var call = Help.Start(HelpReason.Screen);
        Help.Apply(_kiosk.Action(AgentActionType.Claim, call.RequestId, "ana"), call.RequestId);

        Assert.Equal(ActionResult.Refused, Help.Apply(_kiosk.Action(AgentActionType.Chat, call.RequestId, "budi", "hello"), call.RequestId));
        Assert.Equal(ActionResult.Refused, Help.Apply(_kiosk.Action(AgentActionType.Resolve, call.RequestId, "budi", outcome: "answered"), call.RequestId));
        Assert.Equal(HelpState.Assigned, Help.View()!.State);
    }

    [Fact]
    public void A_released_call_goes_back_to_the_queue_and_its_ladder_starts_again()
    {
        var call = Help.Start(HelpReason.Screen);
        Help.Apply(_kiosk.Action(AgentActionType.Claim, call.RequestId, "ana"), call.RequestId);
        _kiosk.Time.Advance(TimeSpan.FromSeconds(30));

        Help.Apply(_kiosk.Action(AgentActionType.Release, call.RequestId, "ana"), call.RequestId);
        _kiosk.Time.Advance(TimeSpan.FromSeconds(10));
        Help.Tick();

        var view = Help.View()!;
        Assert.Equal(HelpState.Open, view.State);
        Assert.Null(view.AgentName);
        Assert.False(view.Urgent);
        Assert.Equal(ActionResult.Applied, Help.Apply(_kiosk.Action(AgentActionType.Claim, call.RequestId, "budi"), call.RequestId));
    }

    [Fact]
    public void Resolving_ends_the_call_with_its_outcome_and_brings_the_assistant_back()
    {
        var call = Help.Start(HelpReason.Screen);
        Help.Apply(_kiosk.Action(AgentActionType.Claim, call.RequestId, "ana"), call.RequestId);

        Help.Apply(_kiosk.Action(AgentActionType.Resolve, call.RequestId, "ana", outcome: "payment_fixed"), call.RequestId);

        Assert.Null(Help.View());
        var final = _kiosk.PublishedStates(call.RequestId)[^1];
        Assert.Equal(HelpState.Resolved, final.State);
        Assert.Equal("payment_fixed", final.Outcome);
        Assert.Equal(new HelpEnded(call.RequestId, HelpState.Resolved, "Ana", _kiosk.Time.GetUtcNow()), Help.LastEnded);
        Assert.Equal(ActionResult.UnknownRequest, Help.Apply(_kiosk.Action(AgentActionType.Chat, call.RequestId, "ana", "late"), call.RequestId));
    }

    [Fact]
    public void The_shopper_can_cancel()
    {
        var call = Help.Start(HelpReason.Screen);

        Help.Cancel();

        Assert.Null(Help.View());
        Assert.Equal(HelpState.Cancelled, _kiosk.PublishedStates(call.RequestId)[^1].State);
    }

    [Fact]
    public void After_a_restart_the_call_goes_on_where_it_was()
    {
        var call = Help.Start(HelpReason.Button);
        Help.Apply(_kiosk.Action(AgentActionType.Claim, call.RequestId, "ana"), call.RequestId);
        var chat = _kiosk.Action(AgentActionType.Chat, call.RequestId, "ana", "on my way");
        Help.Apply(chat, call.RequestId);

        var restarted = _kiosk.Restart();

        var view = restarted.View()!;
        Assert.Equal(call.RequestId, view.RequestId);
        Assert.Equal(HelpState.Connected, view.State);
        Assert.Single(view.Chat);
        Assert.Equal(ActionResult.Duplicate, restarted.Apply(chat, call.RequestId));
    }

    [Fact]
    public void Actions_for_another_request_are_ignored()
    {
        var call = Help.Start(HelpReason.Button);

        Assert.Equal(ActionResult.UnknownRequest, Help.Apply(_kiosk.Action(AgentActionType.Claim, "someone-else", "ana"), "someone-else"));
        Assert.Equal(ActionResult.UnknownRequest, Help.Apply(_kiosk.Action(AgentActionType.Claim, call.RequestId, "ana"), "other-topic"));
        Assert.Equal(HelpState.Open, Help.View()!.State);
    }

    [Fact]
    public void Place_in_the_queue_and_the_estimate_come_from_the_desks_live_queue()
    {
        var call = Help.Start(HelpReason.Button);
        var now = _kiosk.Time.GetUtcNow();

        Help.OnQueue(new QueueMessage(now,
            [
                new QueueEntry("older-1", "s", "k", now.AddMinutes(-2), false),
                new QueueEntry("older-2", "s", "k", now.AddMinutes(-1), false),
                new QueueEntry(call.RequestId, HelpCallFixture.Site, HelpCallFixture.Kiosk, now, false),
            ],
            AgentsOnline: 2,
            MedianSecondsToClaim: 40));

        var view = Help.View()!;
        Assert.Equal(3, view.QueuePosition);
        Assert.Equal(80, view.EstimateSeconds); // 40 s × ceil(3 / 2)
    }

    [Fact]
    public void With_no_agents_online_the_estimate_says_so_rather_than_using_the_desks_median()
    {
        var call = Help.Start(HelpReason.Button);

        Help.OnQueue(new QueueMessage(_kiosk.Time.GetUtcNow(), [], AgentsOnline: 0, MedianSecondsToClaim: 40));

        // Never null while open (issue 11): the kiosk's own figure, marked as "nobody online" for the screen's words.
        Assert.Equal(_kiosk.Options.DefaultEstimateSeconds, Help.View()!.EstimateSeconds);
        Assert.Equal(EstimateSource.NoAgents, Help.View()!.EstimateSource);
        Assert.Equal(1, Help.View()!.QueuePosition);
        Assert.Equal(call.RequestId, Help.View()!.RequestId);
    }

    public void Dispose() => _kiosk.Dispose();
}
