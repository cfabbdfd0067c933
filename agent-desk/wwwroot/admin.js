// The accounts page (role admin): list, add and remove agents and store staff, with the id rules shown before
// anything is submitted. The API is desk-trust's (/api/admin/agents, /account/rules). Network text only through textContent.
"use strict";

const roleLabels = { agent: "Agent", staff: "Store staff", admin: "Admin (also an agent)" };
const admin = { rules: null, idRule: null };

$("admin-link").addEventListener("click", showAdmin);
$("admin-back").addEventListener("click", () => {
  $("admin-view").hidden = true;
  $("desk").hidden = false;
  $("admin-link").focus();
});

async function showAdmin() {
  $("desk").hidden = true;
  $("admin-view").hidden = false;
  $("admin-heading").focus();
  await loadRules();
  await loadAccounts();
}

/** "a-z0-9_-" and the like, in words, from the rules' id pattern: the admin sees what is allowed before typing. */
function describeIdPattern(pattern) {
  const cls = /\[([^\]]+)\]/.exec(pattern ?? "")?.[1];
  if (!cls) return null;
  const parts = [];
  let rest = cls;
  for (const [range, words] of [["a-z", "lower-case letters"], ["A-Z", "capital letters"], ["0-9", "digits"], ["\\d", "digits"]]) {
    if (rest.includes(range)) { parts.push(words); rest = rest.replace(range, ""); }
  }
  const others = [...rest.replace(/\\/g, "")].filter((c) => c.trim());
  if (others.length) parts.push(others.map((c) => `'${c}'`).join(", "));
  return parts.join(", ");
}

async function loadRules() {
  const result = await getJson("/account/rules");
  const rules = result.ok ? result.data : null;
  admin.rules = rules;
  try { admin.idRule = rules?.idPattern ? new RegExp(rules.idPattern) : null; } catch { admin.idRule = null; }
  const roles = rules?.roles ?? ["agent", "staff", "admin"];
  $("add-role").replaceChildren(...roles.map((role) => {
    const option = el("option", null, roleLabels[role] ?? role);
    option.value = role;
    return option;
  }));
  if (!rules) { $("account-rules").textContent = "The desk checks the id and password when you add the account."; return; }
  const allowed = describeIdPattern(rules.idPattern);
  $("account-rules").textContent =
    `Id: up to ${rules.idMaxLength} characters${allowed ? ` (${allowed})` : ""}. ` +
    `Display name: up to ${rules.nameMaxLength} characters. Password: at least ${rules.passwordMinLength} characters.`;
  $("add-id").maxLength = rules.idMaxLength;
  $("add-name").maxLength = rules.nameMaxLength;
  $("add-password").minLength = rules.passwordMinLength;
  renderSiteField();
}

function renderSiteField() {
  const staff = $("add-role").value === "staff";
  $("add-site-label").hidden = !staff;
  $("add-site").required = staff;
}
$("add-role").addEventListener("change", renderSiteField);

// Checked while typing, so a wrong id is explained before submit rather than after a refusal.
$("add-id").addEventListener("input", () => {
  const value = $("add-id").value.trim();
  const bad = value && admin.idRule && !admin.idRule.test(value);
  $("add-id").setCustomValidity(bad ? `Not a valid id. ${$("account-rules").textContent}` : "");
  $("add-id").setAttribute("aria-invalid", String(!!bad));
});

async function loadAccounts() {
  $("admin-error").textContent = "";
  const result = await getJson("/api/admin/agents");
  if (!result.ok) {
    $("admin-error").textContent = problemText(result, "Could not load the accounts.");
    $("accounts").replaceChildren();
    return;
  }
  $("accounts").replaceChildren(...result.data.map(accountItem));
}

function accountItem(a) {
  const li = el("li", null, null, "account");
  li.dataset.id = a.id;
  const who = el("span", "who-account");
  who.append(el("strong", null, a.name), ` · ${a.id} · ${roleLabels[a.role] ?? a.role}${a.site ? ` · store ${a.site}` : ""}`);
  li.appendChild(who);
  if (a.id === desk.me?.id) { li.appendChild(el("span", "meta", "You")); return li; }
  const remove = el("button", "secondary", "Remove", "account-remove");
  remove.type = "button";
  remove.setAttribute("aria-label", `Remove ${a.name} (${a.id})`);
  remove.addEventListener("click", () => confirmRemove(li, a, remove));
  li.appendChild(remove);
  return li;
}

function confirmRemove(li, a, remove) {
  remove.hidden = true;
  const yes = el("button", "primary", `Yes, remove ${a.name}`, "account-remove-confirm");
  const no = el("button", "secondary", "Keep", "account-remove-cancel");
  yes.type = no.type = "button";
  no.addEventListener("click", () => { yes.remove(); no.remove(); remove.hidden = false; remove.focus(); });
  yes.addEventListener("click", async () => {
    const result = await send("DELETE", `/api/admin/agents/${encodeURIComponent(a.id)}`);
    if (!result.ok && result.status !== 404) { $("admin-error").textContent = problemText(result, "Could not remove the account."); return; }
    await loadAccounts();
    $("admin-heading").focus();
  });
  li.append(yes, no);
  yes.focus();
}

$("add-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  $("add-error").textContent = "";
  const role = $("add-role").value;
  const body = { id: $("add-id").value.trim(), name: $("add-name").value.trim(), password: $("add-password").value, role };
  if (role === "staff") body.site = $("add-site").value.trim();
  const result = await send("POST", "/api/admin/agents", body);
  $("add-password").value = "";
  if (result.status === 201 || result.ok) {
    $("add-form").reset();
    renderSiteField();
    await loadAccounts();
    $("add-error").textContent = "";
    announce(`Added ${body.name}.`, false);
  } else if (result.status === 409) {
    $("add-error").textContent = `An account with the id ${body.id} already exists.`;
  } else {
    $("add-error").textContent = problemText(result, "Could not add the account.");
  }
});
