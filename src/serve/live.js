// Live reload for `briefing serve` (injected at serve time, never in a build).
// Listens on /__briefing/events?since=N (server-sent events): a good rebuild
// reloads the page, a failed one shows its error over the page (as text,
// never as HTML).
(function () {
  "use strict";
  var script = document.currentScript;
  var version = Number(script && script.getAttribute("data-version")) || 0;
  function overlay(error) {
    var box = document.getElementById("__briefing-overlay");
    if (!error) {
      if (box) box.remove();
      return;
    }
    if (!box) {
      box = document.createElement("div");
      box.id = "__briefing-overlay";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;" +
        "background:rgba(20,20,20,.94);color:#fff;font:15px/1.5 ui-monospace,monospace;padding:2rem";
      var title = document.createElement("p");
      title.style.cssText = "font-weight:bold;color:#ff8080;margin:0 0 1rem";
      title.textContent = "briefing: the build failed; still showing the last good build. " +
        "Fix the file and save: the page reloads.";
      var pre = document.createElement("pre");
      pre.style.cssText = "white-space:pre-wrap;margin:0";
      box.appendChild(title);
      box.appendChild(pre);
      document.body.appendChild(box);
    }
    box.querySelector("pre").textContent = error;
  }
  // One long-lived channel: server-sent events, which the browser
  // reconnects by itself (the server asks for 1 s) after a restart.
  var events = new EventSource("/__briefing/events?since=" + version);
  events.onmessage = function (message) {
    var status;
    try { status = JSON.parse(message.data); } catch (e) { return; }
    if (status.version > version) {
      version = status.version;
      if (status.error) {
        overlay(status.error);
      } else {
        events.close();
        window.location.reload();
      }
    }
  };
})();
