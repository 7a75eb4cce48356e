// Live figures: an element with data-refresh="URL" is replaced by what URL answers (a partial page) every
// data-every seconds, without reloading the page. Stops while the tab is hidden; an error leaves the last figures.
(function () {
  for (const element of document.querySelectorAll("[data-refresh]")) {
    const every = Math.max(2, Number(element.dataset.every || 5)) * 1000;
    const stamp = element.querySelector("[data-live-state]");
    async function refresh() {
      if (document.hidden) return;
      try {
        const response = await fetch(element.dataset.refresh, { headers: { "Accept": "text/html" }, credentials: "same-origin", redirect: "manual" });
        if (response.ok) {
          element.innerHTML = await response.text();
        } else if (stamp) {
          stamp.textContent = "Not refreshed: HTTP " + (response.status || "redirect (sign in again)");
        }
      } catch (e) {
        const state = element.querySelector("[data-live-state]");
        if (state) state.textContent = "Not refreshed: the console did not answer";
      }
    }
    setInterval(refresh, every);
  }
  // Forms that destroy something ask first (the server checks the typed confirmation too).
  for (const form of document.querySelectorAll("form[data-confirm]")) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  }
})();
