// Tag inputs of the profile editor, a small enhancement (the form works without it: the text box
// takes comma-separated tags, and the chips are checkboxes). With it, a tag typed and followed by
// a comma or Enter, or picked from the suggestions, becomes a ticked chip at once and the box
// empties for the next one. Loaded with `defer`; no inline script.
(function () {
  "use strict";
  var doc = document;

  function chips(field) { return field.querySelector("[data-tag-chips]"); }

  function existing(field, tag) {
    var want = tag.toLowerCase();
    var found = null;
    field.querySelectorAll("[data-tag-chips] input[type=checkbox]").forEach(function (box) {
      if (box.value.toLowerCase() === want) found = box;
    });
    return found;
  }

  function icon(name, cls) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = doc.createElementNS(ns, "svg");
    svg.setAttribute("class", "icon " + cls);
    svg.setAttribute("aria-hidden", "true");
    var use = doc.createElementNS(ns, "use");
    use.setAttribute("href", "/static/icons.svg#" + name);
    svg.appendChild(use);
    return svg;
  }

  function addChip(field, input, tag) {
    tag = tag.trim();
    if (!tag) return;
    var box = existing(field, tag);
    if (box) { box.checked = true; return; }
    var list = chips(field);
    var label = doc.createElement("label");
    label.className = "chip tag-chip chip-" + (list.dataset.kind || "offer");
    box = doc.createElement("input");
    box.type = "checkbox";
    box.name = input.name;
    box.value = tag;
    box.checked = true;
    var text = doc.createElement("span");
    text.textContent = tag;
    label.appendChild(box);
    label.appendChild(text);
    label.appendChild(icon("x", "tag-chip-remove"));
    label.appendChild(icon("plus", "tag-chip-add"));
    // After the member's tags, before the suggestions.
    list.insertBefore(label, list.querySelector("[data-tag-suggestions]"));
  }

  function flush(field, input, keepLast) {
    var parts = input.value.split(",");
    var rest = keepLast ? parts.pop() : "";
    parts.forEach(function (p) { addChip(field, input, p); });
    input.value = keepLast ? rest.replace(/^\s+/, "") : "";
  }

  function isSuggestion(input) {
    var list = input.list;
    if (!list) return false;
    var v = input.value.trim().toLowerCase();
    for (var i = 0; i < list.options.length; i++) {
      if (list.options[i].value.toLowerCase() === v) return true;
    }
    return false;
  }

  function init(root) {
    root.querySelectorAll("[data-tag-field]:not([data-tags-ready])").forEach(function (field) {
      field.setAttribute("data-tags-ready", "");
      var input = field.querySelector("input:not([type=checkbox])");
      if (!input || !chips(field)) return;
      input.addEventListener("keydown", function (e) {
        if (e.key === "Enter" && input.value.trim()) {
          e.preventDefault();
          flush(field, input, false);
        }
      });
      input.addEventListener("input", function (e) {
        if (input.value.indexOf(",") >= 0) {
          flush(field, input, true);
        } else if (e.inputType === "insertReplacementText" || (!e.inputType && isSuggestion(input))) {
          // Picked from the suggestions list.
          flush(field, input, false);
        }
      });
    });
  }

  init(doc);
  doc.addEventListener("htmx:load", function (e) { init(e.target); });
})();
