// Starts GOV.UK Frontend's components (Exit this page, service navigation, error summary...).
// Every page works without it; it only adds behaviour.
if (window.GOVUKFrontend && document.body.classList.contains("govuk-frontend-supported")) {
  window.GOVUKFrontend.initAll();
}
