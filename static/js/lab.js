// The lab page's own script, kept to what HTML and htmx cannot do.
(function () {
  // The address bar follows the run: each frame carries the link of what is on screen.
  document.addEventListener('htmx:sseMessage', function (e) {
    if (e.detail.type === 'link') {
      var a = e.target.querySelector('a');
      if (a) history.replaceState(null, '', a.getAttribute('href'));
    } else if (e.detail.type === 'gone') {
      location.reload(); // the server no longer has this run: reopen it from its link
    }
  });
  // Copy link.
  document.addEventListener('click', function (e) {
    var button = e.target.closest('[data-copy-link]');
    if (!button || !navigator.clipboard) return;
    navigator.clipboard.writeText(location.href).then(function () {
      button.textContent = button.getAttribute('data-copied');
    });
  });
})();
