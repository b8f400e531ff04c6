// Storyfront live reload: injected by `storyfront serve` only, never by
// `storyfront build`. It listens for Server-Sent Events and reloads the page,
// swaps its stylesheets, or shows the build error overlay.
(() => {
  "use strict";
  const me = document.currentScript;
  let build = me ? me.dataset.build : "";
  const overlayID = "storyfront-error-overlay";

  // showError shows the overlay; lastGood says whether the page under it
  // is the last good build (false when no build has succeeded yet).
  function showError(message, lastGood) {
    let box = document.getElementById(overlayID);
    if (!box) {
      box = document.createElement("div");
      box.id = overlayID;
      box.setAttribute("role", "alert");
      box.style.cssText =
        "position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:2rem;" +
        "background:rgba(17,24,39,.92);color:#fff;font:15px/1.5 system-ui,sans-serif";
      const title = document.createElement("h2");
      title.textContent = "Storyfront: the site failed to build";
      title.style.cssText = "margin:0 0 1rem;font-size:1.25rem;color:#fca5a5";
      const pre = document.createElement("pre");
      pre.style.cssText =
        "white-space:pre-wrap;margin:0 0 1rem;padding:1rem;background:#000;border-radius:6px;" +
        "font:14px/1.5 ui-monospace,monospace;color:#fde68a";
      const hint = document.createElement("p");
      hint.className = "hint";
      hint.style.margin = "0";
      box.append(title, pre, hint);
      (document.body || document.documentElement).append(box);
    }
    // textContent: the message is shown as text, never parsed as markup.
    box.querySelector("pre").textContent = message;
    box.querySelector("p.hint").textContent = (lastGood
      ? "The page shows the last good build."
      : "No build has succeeded yet: there is no good build to show.") +
      " Fix the file and save: this page updates by itself.";
  }

  function clearError() {
    const box = document.getElementById(overlayID);
    if (box) box.remove();
  }

  // swapStyles loads the current page again and puts its stylesheets in
  // place of the old ones (the new ones load first: no flash, no scroll jump).
  async function swapStyles() {
    const res = await fetch(location.href, { cache: "no-store" });
    if (!res.ok) throw new Error("HTTP " + res.status);
    const doc = new DOMParser().parseFromString(await res.text(), "text/html");
    const sel = 'link[rel~="stylesheet"]';
    const old = Array.from(document.querySelectorAll(sel));
    const stamp = Date.now();
    const anchor = old.length ? old[old.length - 1] : null;
    const loads = Array.from(doc.querySelectorAll(sel)).map((f) => {
      const link = document.createElement("link");
      for (const a of f.attributes) link.setAttribute(a.name, a.value);
      const href = f.getAttribute("href") || "";
      if (old.some((o) => o.getAttribute("href") === href)) {
        link.setAttribute("href", href + (href.includes("?") ? "&" : "?") + "storyfront=" + stamp);
      }
      const loaded = new Promise((ok) => { link.onload = link.onerror = ok; });
      if (anchor) anchor.after(link); else document.head.append(link);
      return loaded;
    });
    await Promise.all(loads);
    old.forEach((o) => o.remove());
    const freshStyles = doc.head ? doc.head.querySelectorAll("style") : [];
    const oldStyles = document.head.querySelectorAll("style");
    if (freshStyles.length === oldStyles.length) {
      freshStyles.forEach((f, i) => {
        if (oldStyles[i].textContent !== f.textContent) oldStyles[i].textContent = f.textContent;
      });
    }
  }

  // The connection state, for tests and curious developers.
  const live = (window.__storyfront = { connected: false });
  const events = new EventSource("/__storyfront/events");
  const data = (e) => JSON.parse(e.data || "{}");
  events.addEventListener("error", () => { live.connected = false; });
  events.addEventListener("hello", (e) => {
    const d = data(e);
    live.connected = true;
    if (d.build && build && d.build !== build) {
      location.reload(); // built again while this page was loading or offline
      return;
    }
    if (d.error) showError(d.error, d.lastGood); else clearError();
  });
  events.addEventListener("reload", () => location.reload());
  events.addEventListener("css", (e) => {
    build = data(e).build || build;
    swapStyles().catch(() => location.reload());
  });
  events.addEventListener("broken", (e) => {
    const d = data(e);
    showError(d.error || "unknown error", d.lastGood);
  });
  events.addEventListener("fixed", clearError);
})();
