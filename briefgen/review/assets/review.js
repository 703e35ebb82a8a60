// The review page's only script: it watches the spec and the rebuild, and touches no
// speech text (the server renders that, escaped). Without it the page still works.
"use strict";

(function () {
  const shown = document.body.dataset.version;
  const status = document.getElementById("build-status");
  const notice = document.getElementById("changed-notice");
  let reloading = false;

  async function poll() {
    if (reloading) {
      return;
    }
    try {
      const answer = await fetch("/status", { cache: "no-store" });
      if (!answer.ok) {
        return;
      }
      const state = await answer.json();
      if (reloading) {
        return;
      }
      if (state.version !== shown) {
        // Edited by hand or from another page: show the file as it is, never write over it.
        reloading = true;
        notice.hidden = false;
        window.location.replace("/?changed=1" + window.location.hash);
        return;
      }
      if (state.build.message) {
        status.textContent = state.build.message;
        status.className = "build " + state.build.state;
        status.dataset.count = String(state.build.count);
      }
    } catch (error) {
      status.textContent = "The review server is not answering (stopped?).";
      status.className = "build failed";
    }
  }

  // This page's own decision changes the spec too: its answer, not the poll, shows the result.
  document.addEventListener("submit", function () {
    reloading = true;
  });
  window.setInterval(poll, 1000);
  poll();
})();
