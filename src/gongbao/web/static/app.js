// gongbao pages: small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  // 1. A permalink page (/doc/{work}/{node}) marks its node: bring it into view.
  function focusNode() {
    var el = document.querySelector("[data-focus='true']");
    if (!el && location.hash) {
      try { el = document.getElementById(decodeURIComponent(location.hash.slice(1))); } catch (e) { el = null; }
    }
    if (el) {
      el.scrollIntoView({ block: "center" });
      el.classList.add("focused");
      el.setAttribute("tabindex", "-1");
      el.focus({ preventScroll: true });
    }
  }
  // 2. The cite action: put the citation and its URL in the live region and the clipboard.
  function cite(button) {
    var text = button.getAttribute("data-cite");
    var url = new URL(button.getAttribute("data-url"), location.href).href;
    var out = document.getElementById("cite-output");
    if (out) {
      out.querySelector(".cite-text").textContent = text;
      var a = out.querySelector(".cite-url");
      try { a.textContent = decodeURI(url); } catch (e) { a.textContent = url; }
      a.setAttribute("href", url);
      out.hidden = false;
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text + " " + url).catch(function () {});
    }
  }
  document.addEventListener("click", function (ev) {
    var b = ev.target.closest ? ev.target.closest("button.cite") : null;
    if (b) { ev.preventDefault(); cite(b); }
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusNode);
  } else {
    focusNode();
  }
})();
