// The agent desk page: shared words, state and helpers, loaded first. Every text from the network (transcripts, chat,
// names, ids) goes in with textContent, never innerHTML, so nothing a kiosk or another agent sends becomes markup or script.
"use strict";

const reasons = {
  button: "Pressed the help button",
  screen: "Tapped “Talk to a person”",
  low_confidence: "Assistant was not sure",
  repeated: "Asked the same thing again",
  checkout: "The checkout reported a problem",
  explicit: "Asked for a person",
};
const languages = { en: "English", id: "Indonesian" };
const outcomeLabels = {
  answered: "Answered the question",
  staff_sent: "Sent store staff",
  payment_fixed: "Payment fixed",
  referred_to_desk: "Sent to the service desk",
  no_response: "Shopper did not respond",
  other: "Other",
};
const states = {
  open: "Waiting for an agent",
  assigned: "Claimed",
  connected: "In chat",
  resolved: "Resolved",
  cancelled: "Cancelled by the shopper",
  expired: "Expired: sent to store staff",
};

const desk = { me: null, view: null, clockOffset: 0, open: null, detail: null, events: null, connected: new Set(), ticker: null, opener: null, ended: null, staffEvents: null };
const $ = (id) => document.getElementById(id);
const keyOf = (r) => `${r.site}/${r.kiosk}/${r.requestId}`;
const path = (r) => `/api/requests/${encodeURIComponent(r.site)}/${encodeURIComponent(r.kiosk)}/${encodeURIComponent(r.requestId)}`;

function el(tag, className, text, testId) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  if (testId) node.dataset.testid = testId;
  return node;
}

async function post(url, body) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body ?? {}),
    credentials: "same-origin",
  });
  let data = null;
  try { data = await response.json(); } catch { /* no body */ }
  return { ok: response.ok, status: response.status, data };
}

function problemText(result, fallback) {
  return result.data?.detail ?? result.data?.problem ?? result.data?.title ?? fallback;
}

function waited(request) {
  const now = Date.now() + desk.clockOffset;
  const seconds = Math.max(0, Math.floor((now - Date.parse(request.createdAt)) / 1000));
  const m = Math.floor(seconds / 60);
  return `${m}:${String(seconds % 60).padStart(2, "0")}`;
}

const ratingLabels = { 1: "Not helped", 2: "Okay", 3: "Helped well" };

function clockTime(iso) {
  return new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

function timeEl(iso) {
  const node = el("time", "when", clockTime(iso));
  node.dateTime = iso;
  return node;
}

async function getJson(url) {
  const response = await fetch(url, { credentials: "same-origin" });
  let data = null;
  try { data = await response.json(); } catch { /* no body */ }
  return { ok: response.ok, status: response.status, data };
}

async function send(method, url, body) {
  const response = await fetch(url, {
    method,
    headers: { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: "same-origin",
  });
  let data = null;
  try { data = await response.json(); } catch { /* no body */ }
  return { ok: response.ok, status: response.status, data };
}
