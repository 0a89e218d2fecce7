// Search suggestions for places and partner organisations on the register's pages.
// Progressive enhancement: without this script the same fields take names that the server
// resolves, and nothing here is needed to filter, save or read.
(function () {
  "use strict";

  let counter = 0;

  function debounce(fn, wait) {
    let timer = null;
    return (...args) => {
      clearTimeout(timer);
      timer = setTimeout(() => fn(...args), wait);
    };
  }

  // Attach a <datalist> to ``input`` filled from ``url?q=`` as the person types; ``toOptions``
  // turns the JSON answer into [{value, label, item}]. ``onPick`` runs when a suggestion is
  // chosen (the input's value then equals a suggestion's value).
  function suggest(input, url, toOptions, onPick) {
    const list = document.createElement("datalist");
    list.id = `register-suggestions-${++counter}`;
    input.after(list);
    input.setAttribute("list", list.id);
    let current = new Map();
    let controller = null;

    const load = debounce(async () => {
      const query = input.value.trim();
      if (query.length < 2 || current.has(input.value)) return;
      if (controller) controller.abort();
      controller = new AbortController();
      try {
        const response = await fetch(`${url}?q=${encodeURIComponent(query)}`, {
          signal: controller.signal,
          headers: { Accept: "application/json" },
          credentials: "same-origin",
        });
        if (!response.ok) return;
        const options = toOptions(await response.json());
        current = new Map(options.map((o) => [o.value, o]));
        list.replaceChildren(
          ...options.map((o) => {
            const option = document.createElement("option");
            option.value = o.value;
            if (o.label && o.label !== o.value) option.label = o.label;
            return option;
          }),
        );
      } catch (error) {
        if (error.name !== "AbortError") throw error;
      }
    }, 200);

    input.addEventListener("input", () => {
      const picked = current.get(input.value);
      if (picked && onPick) {
        onPick(picked.item, input);
        return;
      }
      load();
    });
  }

  const cityOptions = (data) =>
    data.results
      .filter((r) => r.type === "city")
      .map((r) => ({ value: r.label, label: r.label, item: { id: r.id, label: r.label } }));

  const cityNameOptions = (data) =>
    data.results
      .filter((r) => r.type === "city")
      .map((r) => ({ value: r.label.split(",")[0], label: r.label, item: r }));

  const partnerOptions = (data) =>
    data.results.map((r) => ({ value: r.label, label: r.label, item: { id: r.id, label: r.label } }));

  // Add a ticked checkbox for ``item`` to the chooser fieldset of the field ``name``.
  function choose(name, item, input) {
    const chooser = document.querySelector(`[data-chooser="${name}"]`);
    if (!chooser) return;
    const items = chooser.querySelector(".register-chooser__items");
    const existing = items.querySelector(`input[value="${CSS.escape(String(item.id))}"]`);
    if (existing) {
      existing.checked = true;
    } else {
      const wrapper = document.createElement("div");
      wrapper.className = "hds-checkbox hds-selection-group__item";
      const box = document.createElement("input");
      box.type = "checkbox";
      box.name = name;
      box.value = item.id;
      box.checked = true;
      box.className = "hds-checkbox__input";
      box.id = `id_${name}_added_${++counter}`;
      const label = document.createElement("label");
      label.htmlFor = box.id;
      label.className = "hds-checkbox__label";
      label.textContent = item.label;
      wrapper.append(box, label);
      items.append(wrapper);
    }
    input.value = "";
    const status = chooser.querySelector(".register-chooser__status");
    if (status) status.textContent = item.label;
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("[data-chooser]").forEach((chooser) => {
      const status = document.createElement("p");
      status.className = "visually-hidden register-chooser__status";
      status.setAttribute("role", "status");
      chooser.append(status);
    });

    document.querySelectorAll("form[data-place-search]").forEach((form) => {
      const url = form.dataset.placeSearch;
      const filterCity = form.classList.contains("register-filters")
        ? form.querySelector('input[name="city"]')
        : null;
      if (filterCity) {
        filterCity.setAttribute("autocomplete", "off");
        suggest(filterCity, url, cityNameOptions, null);
      }
      form.querySelectorAll('input[data-autocomplete="city-name"]').forEach((input) => {
        suggest(input, url, cityNameOptions, null);
      });
      form.querySelectorAll('[data-autocomplete="cities"]').forEach((input) => {
        suggest(input, url, cityOptions, (item, field) => choose("cities", item, field));
      });
      const partnerUrl = form.dataset.partnerSearch;
      if (partnerUrl) {
        form.querySelectorAll('[data-autocomplete="partners"]').forEach((input) => {
          suggest(input, partnerUrl, partnerOptions, (item, field) => choose("partners", item, field));
        });
      }
    });
  });
})();
