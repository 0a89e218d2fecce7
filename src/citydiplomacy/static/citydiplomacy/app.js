// Small progressive enhancements; every page works without script.
document.addEventListener("DOMContentLoaded", () => {
  // Move focus to an error summary so screen-reader users hear what to fix.
  const summary = document.querySelector("[data-focus-on-load]");
  if (summary) summary.focus();
});
