// dossier serve: live reload. Injected into pages by `dossier serve` only, never by `build`.
(() => {
  const key = "dossier-scroll:" + location.pathname;
  const saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    const y = Number(saved);
    const restore = () => window.scrollTo(0, y);
    restore();
    window.addEventListener("load", restore);
  }
  const overlayId = "dossier-overlay";
  // The overlay's words, in the dossier's language, from this script's own tag.
  const words = (document.currentScript && document.currentScript.dataset) || {};
  const showErrors = (text) => {
    let box = document.getElementById(overlayId);
    if (!box) {
      box = document.createElement("div");
      box.id = overlayId;
      box.setAttribute("role", "alertdialog");
      box.setAttribute("aria-label", words.errors || "The dossier has errors");
      if (words.lang) box.lang = words.lang;
      box.style.cssText = "position:fixed;inset:1rem;z-index:2147483647;overflow:auto;background:#fff;color:#111;border:3px solid #b00020;border-radius:8px;padding:1rem;font:14px/1.45 ui-monospace,Menlo,Consolas,monospace;box-shadow:0 8px 40px rgba(0,0,0,.4)";
      document.body.appendChild(box);
    }
    box.textContent = "";
    const title = document.createElement("strong");
    title.textContent = "dossierUnbuilt" in document.body.dataset
      ? words.unbuilt || "The dossier has errors, and no page of it could be built yet."
      : words.broken || "The last edit broke the build; this is the last good version of the page.";
    const pre = document.createElement("pre");
    pre.lang = "en";
    pre.style.cssText = "white-space:pre-wrap;margin:.75rem 0 0";
    pre.textContent = text;
    box.append(title, pre);
  };
  const events = new EventSource("/__dossier/events");
  events.addEventListener("reload", () => {
    sessionStorage.setItem(key, String(window.scrollY));
    location.reload();
  });
  events.addEventListener("styles", () => {
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const url = new URL(link.href);
      url.searchParams.set("v", String(Date.now()));
      link.href = url.href;
    }
  });
  events.addEventListener("build-error", (e) => showErrors(e.data));
})();
