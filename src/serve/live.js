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
      // Its own colours on every element, `!important`, as the server
      // draws it (serve.rs OVERLAY_*_STYLE): no site stylesheet can make
      // it unreadable in a light or a dark scheme.
      box.style.cssText = "position:fixed!important;inset:0!important;z-index:2147483647!important;" +
        "overflow:auto!important;margin:0!important;padding:2rem!important;color-scheme:dark!important;" +
        "background:#141414!important;color:#f2f2f2!important;font:15px/1.5 ui-monospace,monospace!important;" +
        "text-align:left!important";
      var title = document.createElement("p");
      title.style.cssText = "font:bold 15px/1.5 ui-monospace,monospace!important;" +
        "color:#ff9c9c!important;background:transparent!important;margin:0 0 1rem!important;padding:0!important;border:0!important";
      title.textContent = "briefing: the build failed; still showing the last good build. " +
        "Fix the file and save: the page reloads.";
      var pre = document.createElement("pre");
      pre.style.cssText = "white-space:pre-wrap!important;margin:0!important;padding:0!important;" +
        "border:0!important;background:transparent!important;color:#f2f2f2!important;" +
        "font:15px/1.5 ui-monospace,monospace!important;overflow:visible!important";
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
