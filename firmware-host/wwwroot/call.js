// What the call bar says, worked out from the server's view of the call. Pure: given the call, the phrases and the
// time, it returns the words; kiosk.js puts them on screen with textContent.
"use strict";

// The estimate counts down from estimateSeconds at estimateAt; once it has run out it says something still true
// rather than "About 1 min" forever.
// When the kiosk had to extend an estimate that ran out (overdue), the screen says so before the new figure.
function estimateText(help, seenAt, p, now, overdue) {
  if (help.estimateSeconds == null || !Number.isFinite(help.estimateSeconds)) return "";
  const at = help.estimateAt ? new Date(help.estimateAt).getTime() : seenAt;
  const remaining = help.estimateSeconds - Math.max(0, now - (Number.isFinite(at) ? at : now)) / 1000;
  const late = overdue ? `${p.longer} ` : "";
  if (remaining > 60) return late + p.estimate(Math.max(1, Math.round(remaining / 60)));
  if (remaining > 0) return late + p.underMinute;
  if (remaining > -120) return p.anyMoment;
  return p.longer;
}

function agentNameOf(help) {
  return help.agent?.name ?? help.agentName ?? null;
}

function agentInitialsOf(help) {
  return help.agent?.initials || initialsOf(agentNameOf(help));
}

// eslint-disable-next-line no-unused-vars
function describeCall(help, context, p, now) {
  const name = agentNameOf(help);
  const withAgent = (help.state === "assigned" || help.state === "connected") && !!name;
  const staff = help.staff?.name ? p.staff(help.staff.name) : "";
  const words = { title: "", detail: "", notice: "", waited: "", queue: "", initials: null, connected: withAgent };
  if (withAgent) {
    words.title = p.joined(name);
    words.detail = staff || p.chatHint;
    words.initials = agentInitialsOf(help);
    return words;
  }

  words.title = p.callingTitle;
  if (!help.delivered) {
    // "Saved until the network is back" only when the kiosk really is offline; otherwise it is on its way.
    words.detail = help.saved === false ? "" : context.online === false ? p.saved : p.sending;
  } else if (staff) {
    words.detail = staff;
  } else if (context.released) {
    words.detail = p.released(context.released.agentName);
  } else if (help.agentsOnline === 0) {
    // "Store staff have been called" only once they have (a kiosk before staffCalled existed always called them).
    words.detail = help.staffCalled === false ? p.noAgentsYet : p.noAgents;
  } else {
    words.detail = p.sent;
  }

  // The short notice says staff were alerted; when the detail already says so, once is enough on a small bar.
  const staffInDetail = !!staff || (help.delivered && help.agentsOnline === 0 && help.staffCalled !== false);
  words.notice = help.notice && !staffInDetail ? p.noticeShort : "";
  const since = new Date(help.since).getTime();
  words.waited = p.waited(Math.max(0, Math.round((now - (Number.isFinite(since) ? since : now)) / 1000)));
  const queue = [];
  if (help.queuePosition && help.agentsOnline !== 0) queue.push(p.place(help.queuePosition));
  const estimate = estimateText(help, context.estimateSeenAt, p, now, context.overdue === help.requestId);
  if (estimate) queue.push(estimate);
  words.queue = queue.join(" ");
  return words;
}
