/**
 * The console's only script, plain ES5 for old phone browsers. Elements with `data-poll`
 * (a JSON API path) and `data-live="1"` are refreshed while the tab is visible:
 * - `data-kind="job"`: a broadcast's counters, progress bar and status are updated in
 *   place from `GET /admin/api/broadcasts/{id}`; polling stops when the job ends (a
 *   cancelled one once nobody is pending any more, shown as "stopping" until then), and
 *   its cancel form goes away;
 * - `data-kind="regions"`: when the answer's `counts` (or the whole answer) differ from
 *   `data-sig`, which the server wrote from the answer it rendered (see
 *   {@link liveSignature}), the page at `data-src` is fetched again and every element marked
 *   `data-region` (each with an id) is swapped for its fresh copy, so the server redraws the
 *   figures while forms, open sections and anything typed stay as they are (a reload would
 *   lose them, and after a form post would post again).
 * Nothing from the JSON answer is parsed as HTML: only numbers and textContent are written;
 * regions come from the console's own server-rendered page.
 */
export const LIVE_SCRIPT = `
(function () {
  var SEGMENTS = ['sent', 'failed', 'blocked', 'outsideWindow', 'cancelled', 'pending'];
  var LIVE = { running: 1, scheduled: 1 };
  function each(list, fn) { Array.prototype.forEach.call(list, fn); }
  function job(el, j) {
    var counts = j.counts || {}, total = counts.audience || 0, x = 0;
    each(SEGMENTS, function (seg) {
      var n = Number(counts[seg] || 0), w = total > 0 ? (100 * n) / total : 0;
      each(el.querySelectorAll('rect[data-seg="' + seg + '"]'), function (r) {
        r.setAttribute('x', x + '%');
        r.setAttribute('width', w + '%');
      });
      each(el.querySelectorAll('[data-k="' + seg + '"]'), function (b) { b.textContent = String(n); });
      x += w;
    });
    // A scheduled job's audience is counted when it starts: keep the words until then.
    if (j.status !== 'scheduled')
      each(el.querySelectorAll('[data-k="audience"]'), function (b) { b.textContent = String(total); });
    // Per-channel outcomes (a channel's first outcome shows on the next render).
    each(el.querySelectorAll('[data-ch]'), function (b) {
      var p = (b.getAttribute('data-ch') || '').split('.'), c = (j.channels || {})[p[0]] || {};
      b.textContent = String(Number(c[p[1]] || 0));
    });
    var labels = {};
    try { labels = JSON.parse(el.getAttribute('data-labels') || '{}'); } catch (e) {}
    // A cancelled job still has queued people until the consumer counts them as cancelled:
    // follow it until nobody is pending, so the final counts are the true ones.
    var stopping = j.status === 'cancelled' && Number(counts.pending || 0) > 0;
    var shown = stopping ? 'stopping' : j.status;
    each(el.querySelectorAll('[data-status]'), function (s) {
      s.textContent = labels[shown] || shown;
      s.className = 'pill ' + j.status;
    });
    if (stopping) each(el.querySelectorAll('[data-cancel]'), function (f) { f.hidden = true; });
    if (!LIVE[j.status] && !stopping) {
      el.setAttribute('data-live', '0');
      each(el.querySelectorAll('[data-cancel]'), function (f) { f.hidden = true; });
    }
  }
  function regions(el, j) {
    var sig = JSON.stringify(j && j.counts !== undefined ? j.counts : j);
    if (sig === el.getAttribute('data-sig')) return;
    el.setAttribute('data-sig', sig);
    var xhr = new XMLHttpRequest();
    xhr.open('GET', el.getAttribute('data-src') || location.pathname);
    xhr.onload = function () {
      if (xhr.status !== 200) return;
      // The fresh page's stylesheet carries its own nonce, which this page's policy refuses
      // (a CSP error in the console): drop it before parsing, only regions are taken.
      var html = xhr.responseText.replace(/<style[^>]*>[\\s\\S]*?<\\/style>/gi, '');
      var fresh = new DOMParser().parseFromString(html, 'text/html');
      if (!fresh) return;
      each(document.querySelectorAll('[data-region]'), function (old) {
        var next = old.id && fresh.getElementById(old.id);
        if (next) old.parentNode.replaceChild(document.importNode(next, true), old);
      });
    };
    xhr.send();
  }
  function poll(el) {
    var xhr = new XMLHttpRequest();
    xhr.open('GET', el.getAttribute('data-poll'));
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.onload = function () {
      if (xhr.status !== 200) return;
      var j;
      try { j = JSON.parse(xhr.responseText); } catch (e) { return; }
      if (el.getAttribute('data-kind') === 'job') job(el, j); else regions(el, j);
    };
    xhr.send();
  }
  function tick() {
    var live = document.querySelectorAll('[data-poll][data-live="1"]');
    if (live.length === 0) return;
    if (!document.hidden) each(live, poll);
    setTimeout(tick, 2500);
  }
  setTimeout(tick, 2500);
})();
`;

/** The signature `data-kind="regions"` compares, computed the way the script does. */
export function liveSignature(answer: unknown): string {
  const counts =
    typeof answer === 'object' && answer !== null && 'counts' in answer ? answer.counts : undefined;
  return JSON.stringify(counts !== undefined ? counts : answer);
}
