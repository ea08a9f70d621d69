/* extract review page: filters, tooltips, sortable and filterable tables. No network. */
(() => {
  "use strict";
  const body = document.body;
  const tip = document.getElementById("tip");
  const labels = {};
  for (const chip of document.querySelectorAll("label.chip[data-label]")) labels[chip.dataset.kind] = chip.dataset.label;

  // Headings and targets scroll clear of the sticky bar, whatever its height.
  const bar = document.querySelector("header.top");
  const fitBar = () => {
    const sticky = bar && getComputedStyle(bar).position === "sticky";
    document.documentElement.style.setProperty("--top", (sticky ? bar.offsetHeight : 0) + "px");
  };
  fitBar();
  window.addEventListener("resize", fitBar);

  if (window.matchMedia("(max-width: 760px)").matches) {
    const panel = document.querySelector("details.panel");
    if (panel) panel.open = false;
  }

  document.addEventListener("change", (ev) => {
    const t = ev.target;
    if (t.matches("input[data-hide]")) body.classList.toggle("hide-" + t.dataset.hide, !t.checked);
    else if (t.matches("input[data-toggle]")) body.classList.toggle(t.dataset.toggle, t.hasAttribute("data-invert") !== t.checked);
  });

  // Tooltip: the normalized value of the mention under the pointer or with the focus.
  let shownFor = null;
  const kindOf = (m) => (m.className.match(/\bk-(\S+)/) || [])[1];
  const owner = (m) => (m.dataset.of ? document.getElementById(m.dataset.of) : m) || m;
  function show(m) {
    const kind = kindOf(m);
    if (kind && body.classList.contains("hide-" + kind)) return;
    const main = owner(m);
    const head = document.createElement("div");
    const name = document.createElement("b");
    name.textContent = (labels[kind] || kind || "") + (main.dataset.st ? " · " + main.dataset.st : "");
    const value = document.createElement("span");
    value.className = "v";
    value.textContent = " " + (main.dataset.v || "");
    head.append(name, value);
    tip.replaceChildren(head);
    if (main.dataset.d) {
      const d = document.createElement("div");
      d.className = "d";
      d.textContent = main.dataset.d;
      tip.append(d);
    }
    tip.hidden = false;
    const r = m.getBoundingClientRect();
    const w = tip.offsetWidth, h = tip.offsetHeight;
    let top = r.bottom + 6;
    if (top + h > window.innerHeight - 4) top = Math.max(4, r.top - h - 6);
    tip.style.top = top + "px";
    tip.style.left = Math.max(4, Math.min(r.left, window.innerWidth - w - 4)) + "px";
    m.setAttribute("aria-describedby", "tip");
    shownFor = m;
  }
  function hide() {
    if (shownFor) shownFor.removeAttribute("aria-describedby");
    shownFor = null;
    tip.hidden = true;
  }
  const markAt = (el) => (el && el.closest ? el.closest("mark.m") : null);
  document.addEventListener("mouseover", (ev) => {
    const m = markAt(ev.target);
    if (m) { if (m !== shownFor) show(m); }
    else if (shownFor && shownFor !== document.activeElement) hide();
  });
  document.addEventListener("focusin", (ev) => { const m = markAt(ev.target); if (m) show(m); else hide(); });
  document.addEventListener("focusout", (ev) => { if (markAt(ev.target) === shownFor) hide(); });
  document.addEventListener("keydown", (ev) => { if (ev.key === "Escape") hide(); });
  window.addEventListener("scroll", () => { if (shownFor) hide(); }, { passive: true });

  // Tables: sort by a column (numbers as numbers), filter by any text in a row.
  const collator = new Intl.Collator("ja", { numeric: true });
  document.addEventListener("click", (ev) => {
    const button = ev.target.closest && ev.target.closest("th > button");
    if (!button) return;
    const th = button.parentElement;
    const row = th.parentElement;
    const col = Array.prototype.indexOf.call(row.children, th);
    const ascending = th.getAttribute("aria-sort") !== "ascending";
    for (const other of row.children) other.removeAttribute("aria-sort");
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    const numeric = th.dataset.type === "num";
    const tbody = th.closest("table").tBodies[0];
    const keyed = Array.from(tbody.rows, (tr, i) => {
      const text = tr.cells[col] ? tr.cells[col].textContent : "";
      return [numeric ? (text === "" ? NaN : Number(text)) : text, i, tr];
    });
    const sign = ascending ? 1 : -1;
    keyed.sort((a, b) => {
      let c;
      if (numeric) {
        const an = Number.isNaN(a[0]), bn = Number.isNaN(b[0]);
        c = an || bn ? (an - bn) : (a[0] - b[0]) * sign;
      } else {
        c = collator.compare(a[0], b[0]) * sign;
      }
      return c || a[1] - b[1];
    });
    const fragment = document.createDocumentFragment();
    for (const k of keyed) fragment.append(k[2]);
    tbody.append(fragment);
  });

  const haystacks = new WeakMap();
  let pending = null;
  function filterRows(input) {
    const section = document.getElementById(input.dataset.filter);
    const query = input.value.trim().toLowerCase();
    const rows = section.querySelector("tbody").rows;
    let shown = 0;
    for (const tr of rows) {
      let text = haystacks.get(tr);
      if (text === undefined) { text = tr.textContent.toLowerCase(); haystacks.set(tr, text); }
      const keep = !query || text.includes(query);
      tr.hidden = !keep;
      if (keep) shown += 1;
    }
    const out = document.getElementById(input.dataset.filter + "-n");
    if (out) out.value = shown.toLocaleString("en") + " of " + rows.length.toLocaleString("en");
  }
  document.addEventListener("input", (ev) => {
    const t = ev.target;
    if (!t.matches("input[data-filter]")) return;
    clearTimeout(pending);
    pending = setTimeout(() => filterRows(t), 120);
  });
})();
