// Progressive enhancement only: every page works without it.
// On a narrow screen (a phone, or 长者模式's large text) the filter panels marked
// data-collapse-narrow start closed, so the list comes first; their summary opens them.
(function () {
  var narrow = window.matchMedia('(max-width: 700px)').matches ||
    document.documentElement.classList.contains('elder');
  if (!narrow) return;
  document.querySelectorAll('details[data-collapse-narrow]').forEach(function (d) {
    d.removeAttribute('open');
  });
})();
