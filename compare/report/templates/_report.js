/* The report's only script: filters (one status button, toggled off by a second click; a
   class; a search over provision text), combined; counts; the view kept in the URL hash
   (#f=substantive&c=list_item&q=...) so a link reopens it; next/previous difference among
   the rows shown (buttons, keys j/n and k/p). Nothing is fetched. */
(function () {
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr.row"));
  var bands = document.querySelectorAll("tr.chapter");
  var buttons = document.querySelectorAll(".filters button");
  var classFilter = document.getElementById("class-filter");
  var search = document.getElementById("search");
  var position = document.getElementById("diff-position");
  var view = {f: "all", c: "", q: ""};
  var texts = rows.map(function (row) {
    return Array.prototype.map.call(row.querySelectorAll("td.text, td.label"), function (td) {
      return td.textContent;
    }).join(" ").replace(/\s+/g, "").toLowerCase();
  });

  function statusShown(row, filter) {
    var s = row.dataset.status;
    if (filter === "substantive") { return row.dataset.substantive === "1"; }  /* comparative.substantive_row */
    if (filter === "structural") { return row.dataset.structural !== ""; }
    if (filter === "hide-jurisdictional") { return s !== "jurisdictional"; }
    return true;
  }

  function rowShown(row, i) {
    var q = view.q.replace(/\s+/g, "").toLowerCase();
    return statusShown(row, view.f) &&
      (!view.c || (" " + row.dataset.classes + " ").indexOf(" " + view.c + " ") >= 0) &&
      (!q || texts[i].indexOf(q) >= 0);
  }

  function hideEmptyBands() {
    bands.forEach(function (band) {
      var next = band.nextElementSibling, any = false;
      while (next && !next.classList.contains("chapter")) {
        if (!next.classList.contains("hidden")) { any = true; break; }
        next = next.nextElementSibling;
      }
      band.classList.toggle("hidden", !any);
    });
  }

  function writeHash() {
    var parts = [];
    if (view.f !== "all") { parts.push("f=" + encodeURIComponent(view.f)); }
    if (view.c) { parts.push("c=" + encodeURIComponent(view.c)); }
    if (view.q) { parts.push("q=" + encodeURIComponent(view.q)); }
    var hash = parts.length ? "#" + parts.join("&") : "";
    if (hash !== location.hash && (hash || /^#(f|c|q)=/.test(location.hash))) {
      history.replaceState(null, "", location.pathname + location.search + hash);
    }
  }

  function apply() {
    var shown = 0;
    rows.forEach(function (row, i) {
      var visible = rowShown(row, i);
      row.classList.toggle("hidden", !visible);
      if (visible) { shown += 1; }
    });
    hideEmptyBands();
    document.getElementById("shown-count").textContent = shown;
    buttons.forEach(function (b) { b.setAttribute("aria-pressed", String(b.dataset.filter === view.f)); });
    classFilter.value = view.c;
    if (search.value !== view.q) { search.value = view.q; }
    position.textContent = "";
    writeHash();
  }

  function readHash() {
    if (!/^#(f|c|q)=/.test(location.hash)) { return false; }
    view = {f: "all", c: "", q: ""};
    location.hash.slice(1).split("&").forEach(function (pair) {
      var kv = pair.split("="), key = kv[0], value = decodeURIComponent(kv.slice(1).join("="));
      if (key === "f" || key === "c" || key === "q") { view[key] = value; }
    });
    return true;
  }

  function differences() {
    return rows.filter(function (row) {
      return !row.classList.contains("hidden") && row.dataset.status !== "identical";
    });
  }

  function jump(step) {
    var list = differences();
    if (!list.length) { position.textContent = "0 / 0"; return; }
    var current = list.indexOf(document.querySelector("tr.row.current"));
    var edge = parseFloat(getComputedStyle(list[0]).scrollMarginTop) || 0;
    var target = current >= 0 ? list[Math.max(0, Math.min(list.length - 1, current + step))] : null, i;
    if (!target && step > 0) {
      for (i = 0; i < list.length && !target; i++) {
        if (list[i].getBoundingClientRect().top > edge + 4) { target = list[i]; }
      }
    } else if (!target) {
      for (i = list.length - 1; i >= 0 && !target; i--) {
        if (list[i].getBoundingClientRect().top < edge - 4) { target = list[i]; }
      }
    }
    target = target || (step > 0 ? list[list.length - 1] : list[0]);
    rows.forEach(function (row) { row.classList.remove("current"); });
    target.classList.add("current");
    target.scrollIntoView({block: "start"});
    position.textContent = (list.indexOf(target) + 1) + " / " + list.length;
  }

  buttons.forEach(function (b) {
    b.addEventListener("click", function () {
      view.f = (b.dataset.filter === view.f) ? "all" : b.dataset.filter;
      apply();
    });
  });
  classFilter.addEventListener("change", function () { view.c = classFilter.value; apply(); });
  search.addEventListener("input", function () { view.q = search.value; apply(); });
  document.getElementById("next-diff").addEventListener("click", function () { jump(1); });
  document.getElementById("prev-diff").addEventListener("click", function () { jump(-1); });
  document.addEventListener("keydown", function (e) {
    var tag = (e.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "select" || tag === "textarea" || e.ctrlKey || e.metaKey || e.altKey) { return; }
    if (e.key === "j" || e.key === "n") { jump(1); e.preventDefault(); }
    if (e.key === "k" || e.key === "p") { jump(-1); e.preventDefault(); }
  });
  function reveal() {  /* a link to a row hidden by the filters (e.g. from a draft instruction) shows all rows */
    var m = /^#row-(.+)$/.exec(location.hash), el = m && document.getElementById("row-" + decodeURIComponent(m[1]));
    if (el && el.classList.contains("hidden")) { view = {f: "all", c: "", q: ""}; apply(); el.scrollIntoView({block: "start"}); }
  }
  window.addEventListener("hashchange", function () { if (readHash()) { apply(); } else { reveal(); } });
  if (readHash()) { apply(); }
})();
