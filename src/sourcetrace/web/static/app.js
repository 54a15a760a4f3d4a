// sourcetrace: hover and keyboard moves on the article page. The page reads the same without it.
(function () {
  "use strict";
  const marks = Array.from(document.querySelectorAll(".m[data-a]"));
  if (!marks.length) { return; }
  const byId = new Map();
  for (const mark of marks) {
    for (const id of mark.dataset.a.split(" ")) {
      if (!byId.has(id)) { byId.set(id, []); }
      byId.get(id).push(mark);
    }
  }
  const focusCard = document.getElementById("focus");
  const focusBody = document.getElementById("focus-body");
  const headings = Array.from(document.querySelectorAll("table.claims thead th")).map((th) => th.textContent);
  function show(mark) {
    // The claim's row of the attributions table, shown beside the text (built as text, not markup).
    if (!focusCard || !focusBody) { return; }
    focusBody.replaceChildren();
    for (const id of mark.dataset.a.split(" ")) {
      const row = document.getElementById("d" + id);
      if (!row) { continue; }
      const list = document.createElement("dl");
      Array.from(row.cells).forEach((cell, i) => {
        const term = document.createElement("dt");
        term.textContent = headings[i] || "";
        const value = document.createElement("dd");
        value.textContent = cell.innerText.trim();
        list.append(term, value);
      });
      focusBody.append(list);
    }
    focusCard.hidden = false;
  }
  function light(mark, on) {
    for (const id of mark.dataset.a.split(" ")) {
      for (const other of byId.get(id) || []) { other.classList.toggle("lit", on); }
    }
    if (on) { show(mark); }
  }
  for (const mark of marks) {
    mark.addEventListener("mouseenter", () => light(mark, true));
    mark.addEventListener("mouseleave", () => light(mark, false));
    mark.addEventListener("focus", () => light(mark, true));
    mark.addEventListener("blur", () => light(mark, false));
  }
  const stops = Array.from(document.querySelectorAll(".m[id^='a'][tabindex]"));
  document.addEventListener("keydown", (event) => {
    if (event.target.closest("input, textarea, select") || event.altKey || event.ctrlKey || event.metaKey) { return; }
    if (event.key !== "j" && event.key !== "k") { return; }
    const at = stops.indexOf(document.activeElement);
    const next = event.key === "j" ? Math.min(at + 1, stops.length - 1) : Math.max(at - 1, 0);
    if (stops[next]) { stops[next].focus(); stops[next].scrollIntoView({ block: "center" }); event.preventDefault(); }
  });
})();
