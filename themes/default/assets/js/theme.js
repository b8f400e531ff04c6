// The default theme's page script: the menu button of narrow screens.
// Without JavaScript the menu's links are all shown (the button is only
// displayed under the .js class that baseof.html's first script sets).
(function () {
  var button = document.querySelector(".nav-toggle");
  if (!button) return;
  var header = button.closest(".site-header");
  function set(open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    header.classList.toggle("nav-open", open);
  }
  button.addEventListener("click", function () {
    set(button.getAttribute("aria-expanded") !== "true");
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && header.classList.contains("nav-open")) {
      set(false);
      button.focus();
    }
  });
})();
