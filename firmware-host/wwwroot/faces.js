// Three drawn faces for the rating (no emoji font is needed on the kiosk), and the initials avatar of an agent.
"use strict";

const svgNs = "http://www.w3.org/2000/svg";

function svgElement(name, attributes) {
  const node = document.createElementNS(svgNs, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  return node;
}

// score 1 = not helped (frown), 2 = okay (flat), 3 = helped well (smile).
// eslint-disable-next-line no-unused-vars
function face(score) {
  const svg = svgElement("svg", { viewBox: "0 0 40 40", "aria-hidden": "true", focusable: "false", class: "face" });
  svg.appendChild(svgElement("circle", { cx: 20, cy: 20, r: 18, class: "face-head" }));
  svg.appendChild(svgElement("circle", { cx: 14, cy: 16, r: 2.4, class: "face-eye" }));
  svg.appendChild(svgElement("circle", { cx: 26, cy: 16, r: 2.4, class: "face-eye" }));
  const mouth = { 1: "M12 29 Q20 22 28 29", 2: "M13 27 L27 27", 3: "M12 25 Q20 33 28 25" }[score];
  svg.appendChild(svgElement("path", { d: mouth, class: "face-mouth" }));
  return svg;
}

// "Budi Santoso" → "BS", "ana" → "A"; letters of any script, never markup (the caller sets textContent).
// eslint-disable-next-line no-unused-vars
function initialsOf(name) {
  if (!name) return "?";
  const words = name.trim().split(/\s+/u).filter(Boolean);
  const first = (word) => Array.from(word)[0] ?? "";
  return ((words.length > 1 ? first(words[0]) + first(words[words.length - 1]) : first(words[0] ?? "")) || "?").toUpperCase();
}

// eslint-disable-next-line no-unused-vars
function avatar(initials, testId) {
  const span = document.createElement("span");
  span.className = "avatar";
  span.setAttribute("aria-hidden", "true");
  if (testId) span.dataset.testid = testId;
  span.textContent = initials;
  return span;
}
