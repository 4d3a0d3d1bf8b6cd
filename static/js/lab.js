// The lab page's own script, kept to what HTML and htmx cannot do.
(function () {
  // Reduced motion: ask the server for fewer frames per second. This deferred script runs before
  // htmx processes the page (on DOMContentLoaded), so the stream opens with the parameter.
  var stream = document.querySelector('[sse-connect]');
  if (stream && window.matchMedia && matchMedia('(prefers-reduced-motion: reduce)').matches) {
    var url = stream.getAttribute('sse-connect');
    stream.setAttribute('sse-connect', url + (url.indexOf('?') < 0 ? '?' : '&') + 'fps=2');
  }

  // Shortcuts (listed on the page, declared with aria-keyshortcuts): k play/pause, s step, e epoch, r reset.
  var shortcuts = { k: ['#play', '#pause'], s: ['#step-once'], e: ['#step-epoch'], r: ['#reset'] };
  document.addEventListener('keydown', function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing || e.defaultPrevented) return;
    var t = e.target;
    // not while typing: the timeline's scrubber and the checkboxes take no letters, so the keys work there
    var typing = /^(SELECT|TEXTAREA)$/.test(t && t.tagName) || (t && t.tagName === 'INPUT' && !/^(range|checkbox)$/.test(t.type));
    if (t && (t.isContentEditable || typing)) return;
    var ids = shortcuts[(e.key || '').toLowerCase()];
    if (!ids) return;
    for (var i = 0; i < ids.length; i++) {
      var button = document.querySelector(ids[i]);
      if (button && !button.disabled) {
        e.preventDefault();
        button.click();
        return;
      }
      if (button && button.hasAttribute('data-locked')) {   // a teacher's lock: say so instead of doing nothing
        e.preventDefault();
        say(button.getAttribute('data-locked'));
        return;
      }
    }
  });

  // A control's refused request (400, 403, 429, 503, ...): htmx swaps nothing, so the answer's sentence
  // (plain text from the server) goes into the page's message area; the next answered request clears it.
  var message = document.getElementById('request-message');
  function say(text) {
    if (message) message.textContent = text;
  }
  function fallback(status) {
    return message ? (message.getAttribute('data-fallback') || '').replace('{0}', status) : '';
  }
  document.addEventListener('htmx:responseError', function (e) {
    var xhr = e.detail.xhr;
    var type = (xhr.getResponseHeader('Content-Type') || '').toLowerCase();
    var text = type.indexOf('text/plain') === 0 ? (xhr.responseText || '').trim() : '';
    say(text && text.length <= 600 ? text : fallback(xhr.status));
  });
  document.addEventListener('htmx:sendError', function () {
    say(fallback('—'));
  });
  document.addEventListener('htmx:afterRequest', function (e) {
    if (e.detail.successful && message && message.textContent) say('');
  });
  if (message) message.addEventListener('click', function () { say(''); });

  // Play and pause swap places (from the POST's answer or the stream, whichever comes first): the
  // keyboard focus moves from the one pressed to the one that replaces it.
  var toggled = null;
  document.addEventListener('click', function (e) {
    var pressed = e.target.closest && e.target.closest('#play, #pause');
    if (pressed && document.activeElement === pressed) toggled = pressed.id === 'play' ? '#pause' : '#play';
  });
  document.addEventListener('htmx:afterSwap', function () {
    if (!toggled) return;
    var next = document.querySelector(toggled);
    if (!next) return;
    if (!document.activeElement || document.activeElement === document.body) next.focus();
    toggled = null;
  });
  // The timeline's scrubber (lab/timeline.jte): while it is dragged, frames do not replace it (the
  // drag would end); letting go posts the step, whose frame brings the timeline back up to date.
  var dragging = false;
  document.addEventListener('pointerdown', function (e) {
    if (e.target.closest && e.target.closest('#timeline-scrubber')) dragging = true;
  });
  ['pointerup', 'pointercancel'].forEach(function (type) {
    document.addEventListener(type, function () { dragging = false; });
  });
  document.addEventListener('htmx:sseBeforeMessage', function (e) {
    if (dragging && (e.detail.type === 'timeline' || e.detail.type === 'timeline-now')) e.preventDefault();
  });
  // The address bar follows the run: each frame carries the link of what is on screen.
  document.addEventListener('htmx:sseMessage', function (e) {
    if (e.detail.type === 'link') {
      var a = e.target.querySelector('a');
      if (a) {
        history.replaceState(null, '', a.getAttribute('href'));
        switchLanguagesAt(a.getAttribute('href'));
        openFullAt(a.getAttribute('href'));
      }
    } else if (e.detail.type === 'gone') {
      reopen(); // the server no longer has this run: reopen it from its link
    }
  });
  // Failover: when the instance that held the run stopped (a proxy then sends the stream to another,
  // which answers `gone`), or the stream stays broken, the page reopens its link (at=the step on
  // screen). A run that was playing plays on: the reload leaves a note for this link in
  // sessionStorage, and the reopened page presses play once.
  var RESUME = 'deadrelu.resume';
  function here() {
    return location.pathname + location.search;
  }
  function reopen() {
    try {
      if (document.querySelector('#pause')) sessionStorage.setItem(RESUME, here());
    } catch (err) { /* no storage (private mode): it reopens paused */ }
    location.reload();
  }
  var resume = null;
  try {
    resume = sessionStorage.getItem(RESUME);
    sessionStorage.removeItem(RESUME);
  } catch (err) { /* no storage */ }
  if (resume && resume === here()) {
    window.addEventListener('load', function () {   // htmx has set up the controls by then
      var play = document.querySelector('#play');
      if (play && !play.disabled) play.click();
    });
  }
  // A broken stream: the browser tries again by itself. If it stays broken for BROKEN_MS and the
  // server answers again (its /healthz, under the stream's base path), the page reopens its link there.
  var BROKEN_MS = 5000;
  var broken = null;
  function healthz() {
    var url = stream && stream.getAttribute('sse-connect');
    var i = url ? url.lastIndexOf('/lab/') : -1;
    return i < 0 ? null : url.substring(0, i) + '/healthz';
  }
  function checkBroken() {
    var probe = healthz();
    if (!probe || !window.fetch) return;
    fetch(probe, { cache: 'no-store', credentials: 'same-origin' }).then(function (r) {
      if (r.ok && broken) reopen(); else broken = setTimeout(checkBroken, BROKEN_MS);
    }, function () {
      broken = setTimeout(checkBroken, BROKEN_MS);
    });
  }
  document.addEventListener('htmx:sseError', function () {
    if (!broken) broken = setTimeout(checkBroken, BROKEN_MS);
  });
  ['htmx:sseOpen', 'htmx:sseMessage'].forEach(function (type) {
    document.addEventListener(type, function () {
      if (broken) clearTimeout(broken);
      broken = null;
    });
  });
  // Links in the regions carry the step on screen (at=N), but a region that changed only there is not
  // sent again while the run plays (it would be every frame): before a link is followed, opened in a
  // new tab or copied, its step is brought up to date from the link region, which every frame carries.
  function stepNow() {
    var a = document.querySelector('#link a[href]');
    var m = a && /[?&]at=(\d+)/.exec(a.getAttribute('href'));
    return m ? m[1] : null;
  }
  function currentStep(e) {
    var a = e.target.closest && e.target.closest('a[href]');
    var step = a && a.closest('[sse-swap]') && stepNow();
    if (!step) return;
    var href = a.getAttribute('href');
    var now = href.replace(/([?&]|%26|%3F)at(=|%3D)\d+/g, '$1at$2' + step);
    if (now !== href) a.setAttribute('href', now);
  }
  ['pointerdown', 'focusin', 'contextmenu', 'keydown'].forEach(function (type) {
    document.addEventListener(type, currentStep, true);
  });
  // The language switch was rendered with the page's first link; keep it on the link of what is on
  // screen, so switching language keeps the run (only lang changes; it stays last, as the server writes it).
  function switchLanguagesAt(link) {
    var run = link.replace(/([?&])lang=[^&#]*&?/, '$1').replace(/[?&]$/, '');
    document.querySelectorAll('.language-switch a[href]').forEach(function (a) {
      var lang = /[?&]lang=([^&#]*)/.exec(a.getAttribute('href'));
      if (lang) a.setAttribute('href', run + (run.indexOf('?') < 0 ? '?' : '&') + 'lang=' + lang[1]);
    });
  }
  // Embedded: "open in a new tab" opens the run on screen as a whole page (the link less embed=1).
  function openFullAt(link) {
    var full = document.querySelector('.embed-full');
    if (full) full.setAttribute('href', link.replace(/([?&])embed=1(&|$)/, '$1').replace(/[?&]$/, ''));
  }
  // A page left for another one may be kept alive in the back/forward cache, stream and all, and a
  // browser opens at most six connections to a server: a few lab links later the next page would
  // wait for a free one. So the stream is closed when the page is hidden, and a page brought back
  // from that cache reopens its link (as after `gone`). htmx.createEventSource is the sse
  // extension's documented hook for making the EventSource.
  var streams = [];
  if (window.htmx && htmx.createEventSource) {
    var create = htmx.createEventSource;
    htmx.createEventSource = function (url) {
      var source = create(url);
      streams.push(source);
      return source;
    };
  }
  window.addEventListener('pagehide', function () {
    streams.forEach(function (s) { s.close(); });
  });
  window.addEventListener('pageshow', function (e) {
    if (e.persisted) location.reload();
  });
  // Certificates and events open on demand (details/summary). A frame replaces them every so often:
  // what the reader opened or closed stays so (by id; the ids are stable while the run plays).
  var toggledDetails = {};
  document.addEventListener('click', function (e) {
    var summary = e.target.closest && e.target.closest('details[id] > summary');
    if (summary) toggledDetails[summary.parentElement.id] = !summary.parentElement.open;
  });
  document.addEventListener('htmx:sseMessage', function (e) {
    e.target.querySelectorAll('details[id]').forEach(function (d) {
      if (Object.prototype.hasOwnProperty.call(toggledDetails, d.id)) d.open = toggledDetails[d.id];
    });
  });
  // A long list's details fetch their text when opened (hx-get on "toggle"). One kept open across a frame
  // is opened before htmx has set up the new element, so its toggle goes unheard: fetch it once htmx has.
  document.addEventListener('htmx:load', function (e) {
    var found = e.target.matches && e.target.matches('details[open][hx-get]') ? [e.target] : [];
    if (e.target.querySelectorAll) found = found.concat(Array.prototype.slice.call(e.target.querySelectorAll('details[open][hx-get]')));
    found.forEach(function (d) {
      var body = d.querySelector('.details-body');
      if (body && !body.firstElementChild) htmx.trigger(d, 'toggle');
    });
  });

  // Copy buttons: data-copy-link copies the address of the page, data-copy="id" the text of that
  // element (the course link, the embed snippet). The text is selected as well, so where the
  // clipboard is not available (http, an old browser) Ctrl+C still copies it; a status line says which.
  document.addEventListener('click', function (e) {
    var button = e.target.closest && e.target.closest('[data-copy-link], [data-copy]');
    if (!button) return;
    var source = button.hasAttribute('data-copy') ? document.getElementById(button.getAttribute('data-copy')) : null;
    var text = source ? source.textContent : location.href;
    if (source) select(source);
    var status = button.getAttribute('data-status') ? document.getElementById(button.getAttribute('data-status')) : null;
    function done(copied) {
      var words = copied ? button.getAttribute('data-copied') : button.getAttribute('data-selected');
      if (status) status.textContent = words;
      else if (copied) button.textContent = words;
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(source && copyCommand()); });
    } else {
      done(source && copyCommand());
    }
  });
  function select(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }
  function copyCommand() {
    try { return document.execCommand('copy'); } catch (err) { return false; }
  }
})();
