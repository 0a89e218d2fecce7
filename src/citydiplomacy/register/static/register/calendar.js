// Calendar feeds: a button that copies a feed's secret address (shown only where the browser
// lets a page write to the clipboard; the address field can always be selected by hand).
document.addEventListener("DOMContentLoaded", () => {
  if (!navigator.clipboard) return;
  document.querySelectorAll("[data-copy]").forEach((button) => {
    const field = document.getElementById(button.dataset.copy);
    if (!field) return;
    button.hidden = false;
    button.addEventListener("click", () => {
      navigator.clipboard.writeText(field.value).then(() => {
        const status = button.closest("li").querySelector(".feed-list__copied");
        if (status) status.textContent = button.dataset.copied;
      });
    });
  });
  document.querySelectorAll(".feed-list__address input").forEach((field) => {
    field.addEventListener("focus", () => field.select());
  });
});
