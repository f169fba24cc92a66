/* Countdown to an announced event: <time data-dialogue-countdown datetime="...Z"> holds the
   server's text ("in 3 days"); this keeps it ticking. The labels come from data attributes, so
   they are translated with the page. */
(function () {
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function tick(node) {
    var target = Date.parse(node.getAttribute("datetime"));
    var left = Math.floor((target - Date.now()) / 1000);
    if (isNaN(target)) { return false; }
    if (left <= 0) {
      node.textContent = node.getAttribute("data-label-started");
      return false;
    }
    var days = Math.floor(left / 86400);
    var rest = left % 86400;
    var clock = pad(Math.floor(rest / 3600)) + ":" + pad(Math.floor(rest % 3600 / 60)) + ":" +
      pad(rest % 60);
    node.textContent = (days ? days + " " + node.getAttribute("data-label-days") + " " : "") +
      clock;
    return true;
  }
  function start() {
    var nodes = document.querySelectorAll("[data-dialogue-countdown]");
    Array.prototype.forEach.call(nodes, function (node) {
      if (tick(node)) {
        var timer = setInterval(function () { if (!tick(node)) { clearInterval(timer); } }, 1000);
      }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
