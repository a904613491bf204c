// newsfold reader: select one paragraph of a story at a time; the sources table marks the
// outlets that carry it, and the address keeps the selection (#pN). Works without this file
// too: each paragraph is a <details> that opens on its own.
(function () {
  "use strict";

  function paragraphs() {
    return Array.prototype.slice.call(document.querySelectorAll("details.para"));
  }

  function mark(selected) {
    var ids = selected ? (selected.getAttribute("data-sources") || "").split(" ") : [];
    document.querySelectorAll("tr[data-article]").forEach(function (row) {
      row.classList.toggle("carries", ids.indexOf(row.getAttribute("data-article")) >= 0);
    });
  }

  function onToggle(event) {
    var d = event.target;
    if (d.open) {
      paragraphs().forEach(function (other) {
        if (other !== d) {
          other.open = false;
          other.classList.remove("selected");
        }
      });
      d.classList.add("selected");
      mark(d);
      if (window.history && history.replaceState) {
        history.replaceState(null, "", "#" + d.id);
      }
    } else if (d.classList.contains("selected")) {
      d.classList.remove("selected");
      mark(null);
    }
  }

  function start() {
    paragraphs().forEach(function (d) {
      d.addEventListener("toggle", onToggle);
    });
    var wanted = location.hash ? document.getElementById(location.hash.slice(1)) : null;
    if (wanted && wanted.matches("details.para")) {
      wanted.open = true;
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
