// softbalance dashboard. Everything is server-rendered; this script only (1) posts the what-if
// form to /api/cases/{id}/whatif and shows the panel it returns, (2) reads a document chosen
// on the coder page into its text box (within the upload limit), and (3) turns the compare
// page's check boxes into its `cases` list. Nothing is fetched from any other site.
(function () {
  "use strict";
  function coderUpload() {
    var form = document.getElementById("coder");
    var file = document.getElementById("upload");
    if (!form || !file) return;
    var status = document.getElementById("upload-status");
    var limit = Number(form.dataset.limit || 0);
    file.addEventListener("change", function () {
      var f = file.files && file.files[0];
      if (!f) return;
      if (limit && f.size > limit) {
        status.className = "error";
        status.textContent = f.name + " is " + Math.ceil(f.size / 1024) + " KiB; the coder takes at most " + Math.floor(limit / 1024) + " KiB";
        file.value = "";
        return;
      }
      var ext = (f.name.split(".").pop() || "").toLowerCase();
      var format = ext === "md" || ext === "markdown" ? "md" : ext === "html" || ext === "htm" ? "html" : "txt";
      var reader = new FileReader();
      reader.onload = function () {
        form.querySelector("textarea[name=text]").value = reader.result;
        form.querySelector("select[name=format]").value = format;
        status.className = "";
        status.textContent = f.name + " read (" + format + "); press Code";
      };
      reader.onerror = function () {
        status.className = "error";
        status.textContent = "cannot read " + f.name;
      };
      reader.readAsText(f, "utf-8");
    });
  }

  function comparePicks() {
    var form = document.getElementById("choose");
    if (!form) return;
    form.addEventListener("submit", function () {
      var ids = [];
      form.querySelectorAll("input.pick:checked").forEach(function (el) { ids.push(el.value); });
      form.querySelector("input[name=cases]").value = ids.join(",");
    });
  }

  function start() {
    coderUpload();
    comparePicks();
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
