/* Search pickers for <select data-autocomplete-url> (core/autocomplete.py). The select stays in
   the form, hidden, and keeps the chosen options; a text box asks the server for matches as the
   user types. No library: it has to work on an intranet phone with nothing but our own files. */
(function () {
  "use strict";

  function debounce(fn, ms) {
    let timer;
    return function (...args) {
      clearTimeout(timer);
      timer = setTimeout(() => fn.apply(this, args), ms);
    };
  }

  function enhance(select) {
    if (select.dataset.autocompleteReady) return;
    select.dataset.autocompleteReady = "1";
    const multiple = select.multiple;
    const listId = select.id + "-results";

    const wrapper = document.createElement("div");
    wrapper.className = "autocomplete position-relative";
    const chips = document.createElement("div");
    chips.className = "d-flex flex-wrap gap-1 mb-1";
    const input = document.createElement("input");
    input.type = "search";
    input.className = "form-control";
    input.placeholder = select.dataset.placeholder || "";
    input.autocomplete = "off";
    input.id = select.id + "-search";
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    const label = document.querySelector(`label[for="${select.id}"]`);
    if (label) label.htmlFor = input.id;
    const list = document.createElement("div");
    list.className = "list-group position-absolute w-100 shadow-sm d-none";
    list.style.zIndex = "1050";
    list.id = listId;
    list.setAttribute("role", "listbox");

    select.classList.add("d-none");
    select.setAttribute("aria-hidden", "true");
    select.tabIndex = -1;
    select.after(wrapper);
    if (multiple) wrapper.append(chips);
    wrapper.append(input, list);

    function chosen() {
      return Array.from(select.options).filter((o) => o.selected && o.value !== "");
    }

    function render() {
      if (multiple) {
        chips.replaceChildren(
          ...chosen().map((option) => {
            const chip = document.createElement("span");
            chip.className = "badge text-bg-secondary d-inline-flex align-items-center gap-1";
            chip.textContent = option.text;
            const remove = document.createElement("button");
            remove.type = "button";
            remove.className = "btn-close btn-close-white";
            remove.style.fontSize = "0.6em";
            remove.setAttribute("aria-label", (select.dataset.remove || "") + " " + option.text);
            remove.addEventListener("click", () => {
              option.remove();
              render();
            });
            chip.append(remove);
            return chip;
          })
        );
        input.value = "";
      } else {
        const option = chosen()[0];
        input.value = option ? option.text : "";
      }
    }

    function close() {
      list.classList.add("d-none");
      list.replaceChildren();
      input.setAttribute("aria-expanded", "false");
    }

    function choose(id, text) {
      let option = Array.from(select.options).find((o) => o.value === String(id));
      if (!multiple) {
        Array.from(select.options).forEach((o) => {
          if (o.value !== "") o.remove();
        });
        option = null;
      }
      if (!option) {
        option = new Option(text, id, true, true);
        select.add(option);
      }
      option.selected = true;
      select.dispatchEvent(new Event("change", { bubbles: true }));
      close();
      render();
      if (multiple) input.focus();
    }

    function url(term) {
      const target = new URL(select.dataset.autocompleteUrl, window.location.href);
      target.searchParams.set("q", term);
      const forward = select.dataset.autocompleteForward;
      if (forward && select.form) {
        const field = select.form.elements.namedItem(forward);
        if (field && field.value) target.searchParams.set(forward, field.value);
      }
      return target;
    }

    const search = debounce(async function () {
      const term = input.value.trim();
      const response = await fetch(url(term), { headers: { Accept: "application/json" } });
      if (!response.ok) return close();
      const data = await response.json();
      const taken = new Set(chosen().map((o) => o.value));
      const items = data.results
        .filter((item) => !taken.has(String(item.id)))
        .map((item) => {
          const button = document.createElement("button");
          button.type = "button";
          button.className = "list-group-item list-group-item-action";
          button.setAttribute("role", "option");
          button.textContent = item.text;
          button.addEventListener("click", () => choose(item.id, item.text));
          return button;
        });
      if (!items.length) {
        const empty = document.createElement("div");
        empty.className = "list-group-item text-muted";
        empty.textContent = select.dataset.empty || "";
        items.push(empty);
      }
      list.replaceChildren(...items);
      list.classList.remove("d-none");
      input.setAttribute("aria-expanded", "true");
    }, 200);

    input.addEventListener("input", () => {
      if (!multiple && input.value === "") {
        Array.from(select.options).forEach((o) => {
          if (o.value !== "") o.remove();
        });
      }
      search();
    });
    input.addEventListener("focus", search);
    input.addEventListener("keydown", (event) => {
      const buttons = Array.from(list.querySelectorAll("button"));
      if (event.key === "ArrowDown" && buttons.length) {
        event.preventDefault();
        buttons[0].focus();
      } else if (event.key === "Escape") {
        close();
      }
    });
    list.addEventListener("keydown", (event) => {
      const buttons = Array.from(list.querySelectorAll("button"));
      const index = buttons.indexOf(document.activeElement);
      if (event.key === "ArrowDown" && index < buttons.length - 1) {
        event.preventDefault();
        buttons[index + 1].focus();
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        (index > 0 ? buttons[index - 1] : input).focus();
      } else if (event.key === "Escape") {
        close();
        input.focus();
      }
    });
    document.addEventListener("click", (event) => {
      if (!wrapper.contains(event.target)) {
        close();
        if (!multiple) render();
      }
    });
    render();
  }

  function enhanceAll(root) {
    root.querySelectorAll("select[data-autocomplete-url]").forEach(enhance);
  }

  document.addEventListener("DOMContentLoaded", () => enhanceAll(document));
  document.addEventListener("htmx:load", (event) => enhanceAll(event.target));
})();
