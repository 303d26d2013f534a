// softbalance dashboard: the live what-if. Everything else is server-rendered; this script
// only posts the what-if form to /api/cases/{id}/whatif and shows the panel it returns.
(function () {
  "use strict";
  function start() {
    var form = document.getElementById("whatif");
    if (!form) return;
    var out = document.getElementById("result");
    var status = document.getElementById("status");
    var timer = null;
    var seq = 0;

    function collect() {
      var sets = [], drops = [], sources = [];
      form.querySelectorAll("input[type=range][data-key]").forEach(function (el) {
        if (el.dataset.touched) sets.push(el.dataset.key + "=" + el.value);
      });
      form.querySelectorAll("input[name=drop]:checked").forEach(function (el) { drops.push(el.value); });
      form.querySelectorAll("input[name=drop_source]:checked").forEach(function (el) { sources.push(el.value); });
      return { sets: sets, drops: drops, drop_sources: sources };
    }

    function run() {
      var mine = ++seq;
      status.className = "busy";
      status.textContent = "recomputing with 1,000 draws…";
      fetch(form.dataset.api, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(collect())
      }).then(function (res) {
        return res.json().then(function (body) { return { ok: res.ok, body: body }; });
      }).then(function (r) {
        if (mine !== seq) return;
        if (!r.ok) {
          status.className = "error";
          status.textContent = r.body.error || "the what-if failed";
          return;
        }
        out.innerHTML = r.body.html;
        status.className = "";
        status.textContent = "recomputed in " + r.body.millis + " ms with " + r.body.draws + " draws";
        form.dataset.done = String(mine);
      }).catch(function (e) {
        if (mine !== seq) return;
        status.className = "error";
        status.textContent = "the server did not answer: " + e;
      });
    }

    function later() {
      clearTimeout(timer);
      timer = setTimeout(run, 150);
    }

    form.addEventListener("input", function (e) {
      var el = e.target;
      if (el.type === "range") {
        el.dataset.touched = "1";
        var o = el.parentNode.querySelector("output");
        if (o) o.textContent = el.value;
      }
      later();
    });
    form.addEventListener("change", later);
    var reset = document.getElementById("reset");
    if (reset) reset.addEventListener("click", function () {
      form.reset();
      form.querySelectorAll("input[type=range][data-key]").forEach(function (el) {
        delete el.dataset.touched;
        el.value = el.dataset.initial;
        var o = el.parentNode.querySelector("output");
        if (o) o.textContent = el.dataset.initial;
      });
      run();
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
