// Sign-in, the first account, and sign-out. Network text only through textContent.
"use strict";

// ---- the first account: only with the one-time setup token the desk printed at start ----
// (desk-trust adds the token field here, not in index.html, so the page's markup stays desk-ui's; move it there when convenient.)

(function addSetupTokenField() {
  const form = $("setup-form");
  const hint = form.querySelector(".hint");
  if (hint) {
    hint.textContent = "No account exists yet. When the desk started it printed a one-time setup token in its console " +
      "(also in the setup-token file in its data folder). The first account is an admin: it can add agents and store staff.";
  }
  const heading = form.querySelector("h2");
  if (heading) heading.textContent = "Create the first account";
  const label = document.createElement("label");
  label.append("Setup token (from the desk's console) ");
  const input = document.createElement("input");
  input.id = "setup-token";
  input.dataset.testid = "setup-token";
  input.required = true;
  input.autocomplete = "off";
  input.autocapitalize = "none";
  input.spellcheck = false;
  input.maxLength = 128;
  label.append(input);
  form.insertBefore(label, $("setup-id").closest("label"));
})();

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
  $("setup-form").hidden = !(status && status.needsSetup);
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
  const result = await post("/account/setup", {
    token: $("setup-token").value.trim(), id: $("setup-id").value.trim(), name: $("setup-name").value.trim(), password: $("setup-password").value,
  });
  $("setup-password").value = "";
  if (result.ok) $("setup-token").value = "";
  if (result.ok) showDesk(result.data);
  else $("setup-error").textContent = problemText(result, "Could not create the account.");
});

$("signout").addEventListener("click", async () => {
  await post("/account/signout");
  showSignIn(null);
  start();
});

