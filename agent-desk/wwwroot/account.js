// Sign-in, the first account, and sign-out. Network text only through textContent.
"use strict";

// ---- sign-in ----

async function start() {
  const status = await (await fetch("/account/status", { credentials: "same-origin" })).json();
  if (status.signedIn) {
    showDesk(status.agent);
  } else {
    showSignIn(status);
  }
}

function showSignIn(status) {
  stopEvents();
  desk.me = null;
  $("desk").hidden = true;
  $("signout").hidden = true;
  $("connection").hidden = true;
  $("me").textContent = "";
  $("signin").hidden = false;
  $("setup-form").hidden = !(status && status.setupAllowed);
  document.body.dataset.ready = "true";
}

$("signin-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  $("signin-error").textContent = "";
  const result = await post("/account/signin", { id: $("signin-id").value.trim(), password: $("signin-password").value });
  $("signin-password").value = "";
  if (result.ok) showDesk(result.data);
  else $("signin-error").textContent = problemText(result, "Could not sign in.");
});

$("setup-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  $("setup-error").textContent = "";
  const result = await post("/account/setup", { id: $("setup-id").value.trim(), name: $("setup-name").value.trim(), password: $("setup-password").value });
  $("setup-password").value = "";
  if (result.ok) showDesk(result.data);
  else $("setup-error").textContent = problemText(result, "Could not create the account.");
});

$("signout").addEventListener("click", async () => {
  await post("/account/signout");
  showSignIn(null);
  start();
});

