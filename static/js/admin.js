// The admin's "Exit this page" (GOV.UK Frontend's), as on every other page of the portal, and the accessible
// names Django's own scripts leave wrong. The admin works without this script; it only adds behaviour.
if (window.GOVUKFrontend && document.body.classList.contains("govuk-frontend-supported")) {
  window.GOVUKFrontend.createAll(window.GOVUKFrontend.ExitThisPage);
}

// The two-box selector (filter_horizontal) draws its search icon as a <span> with an aria-label, which a span
// cannot carry (WCAG 4.1.2): as an image, the label is its text alternative. SelectFilter2 draws it on "load".
window.addEventListener("load", function () {
  document.querySelectorAll(".selector .search-label-icon[aria-label]").forEach(function (icon) {
    icon.setAttribute("role", "img");
  });
});
