// Storyfront lead forms: fills the attribution fields and submits with fetch.
// Progressive enhancement: without this script the form posts normally and
// the capture endpoint answers 303 to the thank-you page.
(function () {
  "use strict";
  var ATTR = "sf:attribution", STORY = "sf:story";

  function store(key, value) {
    try {
      if (value === undefined) return JSON.parse(sessionStorage.getItem(key) || "null");
      sessionStorage.setItem(key, JSON.stringify(value));
    } catch (e) { /* storage blocked: attribution is best effort */ }
    return null;
  }

  // The visit's first landing page and its campaign are kept for the session,
  // so a lead sent three pages later still names the campaign that brought it.
  function attribution() {
    var a = store(ATTR);
    if (a && a.landing) return a;
    var url = new URL(location.href), q = url.searchParams;
    url.hash = "";
    a = { landing: url.href, referrer: document.referrer || "" };
    ["source", "medium", "campaign", "term", "content"].forEach(function (k) {
      a["utm_" + k] = (q.get("utm_" + k) || "").slice(0, 200);
    });
    store(ATTR, a);
    return a;
  }

  // The journey: kept in this browser only (localStorage, no cookie), sent
  // only with a form. It holds the first and the latest arrival (landing
  // page, referrer, UTM values, time) and the last 20 stories read with the
  // time spent on each, rounded to 10 s. Do Not Track or Global Privacy
  // Control turns it off (and clears it) unless the site set
  // params.journey: always; params.journey: off never keeps one.
  var JOURNEY = "sf:journey", script = document.currentScript, mode = script && script.getAttribute("data-journey");
  function journeyOff() {
    return mode === "off" || mode !== "always" && (navigator.globalPrivacyControl === true || navigator.doNotTrack === "1" || window.doNotTrack === "1");
  }
  function journey() {
    try {
      if (journeyOff()) return localStorage.removeItem(JOURNEY);
      var j = JSON.parse(localStorage.getItem(JOURNEY) || "null"), now = Date.now(), q = new URLSearchParams(location.search);
      if (!j || !j.first || now - j.first.at > 7776e6) j = { stories: [] }; // kept 90 days
      if (!store("sf:seen") || q.get("utm_source") || q.get("utm_campaign")) {
        store("sf:seen", 1);
        var ref = document.referrer, t = { page: location.pathname, at: now, referrer: ref && new URL(ref).origin !== location.origin ? ref : "" };
        ["source", "medium", "campaign", "term", "content"].forEach(function (k) { t[k] = (q.get("utm_" + k) || "").slice(0, 200); });
        j.first = j.first || t;
        j.last = t;
      }
      var el = document.querySelector("[data-story]"), s = j.stories[j.stories.length - 1], save = function () {
        localStorage.setItem(JOURNEY, JSON.stringify(j));
      };
      if (el) {
        if (!s || s.page !== location.pathname) j.stories.push(s = { title: el.getAttribute("data-story"), page: location.pathname, seconds: 0 });
        var base = s.seconds * 1000;
        j.tick = function () {
          s.seconds = Math.round((base + Date.now() - now) / 1e4) * 10;
          save();
        };
        addEventListener("pagehide", j.tick);
        document.addEventListener("visibilitychange", j.tick);
      }
      j.stories = j.stories.slice(-20);
      save();
      return j;
    } catch (e) { /* storage blocked: no journey */ }
  }

  function newKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = new Uint8Array(16);
    crypto.getRandomValues(b);
    return Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
  }

  function set(form, name, value) {
    var el = form.elements.namedItem(name);
    if (el && "value" in el) el.value = value;
  }

  function errorBox(form, name) {
    return form.querySelector('[data-error-for="' + name + '"]');
  }

  function clearErrors(form) {
    Array.prototype.forEach.call(form.querySelectorAll("[data-error-for]"), function (p) { p.textContent = ""; });
    Array.prototype.forEach.call(form.querySelectorAll('[aria-invalid="true"]'), function (el) { el.removeAttribute("aria-invalid"); });
    var summary = form.querySelector(".form-errors");
    summary.hidden = true;
    summary.textContent = "";
  }

  function showErrors(form, errors, general) {
    var summary = form.querySelector(".form-errors");
    var list = document.createElement("ul");
    errors = errors || {};
    // List the errors in the order of the fields on the page, then any others.
    var names = [];
    Array.prototype.forEach.call(form.querySelectorAll("[data-error-for]"), function (p) {
      var n = p.getAttribute("data-error-for");
      if (Object.prototype.hasOwnProperty.call(errors, n)) names.push(n);
    });
    Object.keys(errors).forEach(function (n) { if (names.indexOf(n) < 0) names.push(n); });
    names.forEach(function (name) {
      var msg = String(errors[name]);
      var box = errorBox(form, name);
      var input = form.elements.namedItem(name);
      var li = document.createElement("li");
      if (box) box.textContent = msg;
      if (input && input.setAttribute && input.type !== "hidden") {
        input.setAttribute("aria-invalid", "true");
        var a = document.createElement("a");
        a.href = "#" + input.id;
        a.textContent = msg;
        li.appendChild(a);
      } else {
        li.textContent = msg;
      }
      list.appendChild(li);
    });
    var head = document.createElement("p");
    head.textContent = general || "Please check the highlighted fields.";
    summary.textContent = "";
    summary.appendChild(head);
    if (list.children.length) summary.appendChild(list);
    summary.hidden = false;
    summary.focus();
  }

  function status(form, text, retry) {
    var box = form.querySelector(".form-status");
    box.textContent = text;
    if (retry) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "button button-small";
      b.textContent = "Retry";
      b.addEventListener("click", function () { send(form); });
      box.appendChild(document.createTextNode(" "));
      box.appendChild(b);
      b.focus();
    }
  }

  function busy(form, on) {
    var btn = form.querySelector('button[type="submit"]');
    form.setAttribute("aria-busy", on ? "true" : "false");
    if (btn) btn.disabled = on;
  }

  function send(form) {
    clearErrors(form);
    busy(form, true);
    status(form, "Sending…");
    var body = new URLSearchParams(new FormData(form));
    fetch(form.action, {
      method: "POST",
      body: body,
      // Accept is a CORS-safelisted header: a capture endpoint on another
      // origin needs no preflight. The idempotency key travels in the body.
      headers: { Accept: "application/json" },
      credentials: "same-origin"
    }).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (data) {
        busy(form, false);
        if (res.status === 201 || res.status === 200) {
          status(form, "Thank you — your message has arrived.");
          set(form, "_idempotency", newKey());
          var next = form.getAttribute("data-thank-you");
          if (next) location.assign(next);
          return;
        }
        if (res.status === 422) {
          status(form, "");
          showErrors(form, data.errors, data.error);
          return;
        }
        if (res.status === 429) {
          status(form, "Too many messages from this connection. Please wait a minute, then retry.", true);
          return;
        }
        if (res.status >= 500) {
          status(form, "We could not save your message just now. Your answers are still here: please retry.", true);
          return;
        }
        status(form, data.error || "Your message could not be sent (error " + res.status + ").", !!data.retry);
      });
    }, function () {
      busy(form, false);
      status(form, "The connection failed before your message arrived. Check your network and retry.", true);
    });
  }

  // A link such as /contact/?interest=Enterprise+plan preselects a field:
  // calls to action can say what the visitor asked about. Only declared
  // fields (not _metadata) that are still empty are filled.
  function prefill(form) {
    var q = new URLSearchParams(location.search);
    q.forEach(function (value, name) {
      if (name.charAt(0) === "_") return;
      var el = form.elements.namedItem(name);
      if (!el || el.value || !("value" in el) || el.type === "checkbox") return;
      if (el.tagName === "SELECT") {
        var ok = Array.prototype.some.call(el.options, function (o) { return o.value === value; });
        if (!ok) return;
      }
      el.value = el.maxLength > 0 ? value.slice(0, el.maxLength) : value;
    });
  }

  function init() {
    var a = attribution(), j = journey();
    var story = document.querySelector("[data-story]");
    if (story) store(STORY, { title: story.getAttribute("data-story"), page: location.pathname });
    var lastStory = store(STORY);
    var started = String(Date.now());
    Array.prototype.forEach.call(document.querySelectorAll("form[data-sf-form]"), function (form) {
      set(form, "_landing", a.landing);
      set(form, "_referrer", a.referrer);
      ["source", "medium", "campaign", "term", "content"].forEach(function (k) { set(form, "_utm_" + k, a["utm_" + k]); });
      set(form, "_started", started);
      set(form, "_idempotency", newKey());
      if (j) {
        var sent = function () {
          if (j.tick) j.tick();
          return JSON.stringify({ first: j.first, last: j.last, stories: j.stories });
        };
        // Sent with the form only: refreshed as the form data is built.
        set(form, "_journey", sent());
        form.addEventListener("formdata", function (e) { e.formData.set("_journey", sent()); });
      }
      prefill(form);
      var s = form.elements.namedItem("_story");
      if (s && !s.value && lastStory && lastStory.title) s.value = lastStory.title;
      form.addEventListener("input", function (e) {
        var t = e.target;
        if (t.getAttribute && t.getAttribute("aria-invalid") === "true") {
          t.removeAttribute("aria-invalid");
          var box = errorBox(form, t.name);
          if (box) box.textContent = "";
        }
      });
      form.addEventListener("submit", function (e) {
        if (!window.fetch || !window.URLSearchParams) return;
        e.preventDefault();
        if (form.getAttribute("aria-busy") === "true") return;
        send(form);
      });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
