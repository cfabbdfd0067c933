// Calling the agent (or store staff) when something needs them: a short WebAudio tone (mutable, remembered), the
// tab title's count, a browser notification (asked once, from a tap), an in-page banner when notifications are
// off, a vibration on phones, and the live regions: polite for new, assertive only for urgent.
"use strict";

const alerts = { audio: null, muted: localStorage.getItem("ka.desk.muted") === "true", bannerTimer: null };

function setTitleCount(count) {
  document.title = count > 0 ? `(${count}) KioskAssist desk` : "KioskAssist desk";
}

function announce(text, urgent) {
  const region = $(urgent ? "live-urgent" : "live-polite");
  // Cleared first so the same words twice are still read out.
  region.textContent = "";
  setTimeout(() => { region.textContent = text; }, 50);
}

// Browsers only let a page make sound after a tap: the context is made (or resumed) on the first one.
function unlockAudio() {
  const Context = window.AudioContext || window.webkitAudioContext;
  if (!Context) return;
  if (!alerts.audio) alerts.audio = new Context();
  if (alerts.audio.state === "suspended") alerts.audio.resume();
}
document.addEventListener("pointerdown", unlockAudio, { once: false, passive: true });
document.addEventListener("keydown", unlockAudio, { once: false, passive: true });

function tone(urgent) {
  if (alerts.muted || !alerts.audio || alerts.audio.state !== "running") return;
  const ctx = alerts.audio;
  const beeps = urgent ? [0, 0.22, 0.44] : [0, 0.18];
  for (const offset of beeps) {
    const at = ctx.currentTime + offset;
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = "sine";
    osc.frequency.value = urgent ? 988 : 740;
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(0.3, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.16);
    osc.connect(gain).connect(ctx.destination);
    osc.start(at);
    osc.stop(at + 0.18);
  }
  document.body.dataset.lastTone = urgent ? "urgent" : "new"; // lets a test see the tone was made
}

function showBanner(text, urgent) {
  $("alert-banner-text").textContent = text;
  $("alert-banner").classList.toggle("urgent", !!urgent);
  $("alert-banner").hidden = false;
}

$("alert-banner-close").addEventListener("click", () => { $("alert-banner").hidden = true; });

/** One alert: everything at once, each part doing what the device allows. */
function callAttention(text, urgent, tag) {
  announce(text, urgent);
  tone(urgent);
  if (navigator.vibrate) navigator.vibrate(urgent ? [300, 120, 300, 120, 300] : [200]);
  let notified = false;
  if ("Notification" in window && Notification.permission === "granted" && document.visibilityState !== "visible") {
    try {
      const note = new Notification(urgent ? "Urgent: KioskAssist" : "KioskAssist", { body: text, tag, renotify: true, requireInteraction: !!urgent });
      note.onclick = () => { window.focus(); note.close(); };
      notified = true;
    } catch { /* some phones allow notifications only from a service worker: the banner says it instead */ }
  }
  if (!notified) showBanner(text, urgent);
}

function showAlertControls() {
  $("mute").hidden = false;
  renderMute();
  const ask = "Notification" in window && Notification.permission === "default";
  $("enable-alerts").hidden = !ask;
}

function renderMute() {
  $("mute").setAttribute("aria-pressed", String(alerts.muted));
  $("mute").textContent = alerts.muted ? "Sound off" : "Sound on";
}

$("mute").addEventListener("click", () => {
  alerts.muted = !alerts.muted;
  localStorage.setItem("ka.desk.muted", String(alerts.muted));
  renderMute();
  unlockAudio();
});

// Asked once, from a tap (browsers ignore or block a request made without one).
$("enable-alerts").addEventListener("click", async () => {
  unlockAudio();
  let answer = "denied";
  try { answer = await Notification.requestPermission(); } catch { /* old Safari: callback form only */ }
  $("enable-alerts").hidden = true;
  if (answer !== "granted") showBanner("Browser notifications are off: new requests will show here and make a sound.", false);
});
