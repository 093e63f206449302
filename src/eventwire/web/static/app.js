// eventwire dashboard: small enhancements only; every page works without this file.
"use strict";

// Article view: hovering an event in the list highlights its sentence and trigger in the text.
function linkEventsToText() {
  const items = document.querySelectorAll("ol.event-list li[data-event]");
  items.forEach(function (item) {
    const id = item.getAttribute("data-event");
    const pieces = document.querySelectorAll('#article-text [data-events~="' + id + '"]');
    item.addEventListener("mouseenter", function () {
      pieces.forEach(function (p) { p.classList.add("hover"); });
      item.classList.add("hover");
    });
    item.addEventListener("mouseleave", function () {
      pieces.forEach(function (p) { p.classList.remove("hover"); });
      item.classList.remove("hover");
    });
  });
}

// Forms: leave empty fields out of the query so that links stay short and readable.
function dropEmptyFields() {
  document.querySelectorAll("form.filters").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("input, select").forEach(function (field) {
        if (field.name && field.value === "") { field.disabled = true; }
      });
    });
  });
}

// Article view: bring the selected sentence into view once the page is laid out.
function showSelected() {
  const selected = document.getElementById("selected");
  if (selected) { selected.scrollIntoView({ block: "center" }); }
}

document.addEventListener("DOMContentLoaded", function () {
  linkEventsToText();
  dropEmptyFields();
  showSelected();
});
