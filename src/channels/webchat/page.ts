import { MARKUP_PATTERN_SOURCE } from '../../core/markup';
import { LOCALES, type Locale } from '../../core/message';
import type { Translate } from '../../core/text';

const CHROME_KEYS = [
  'title',
  'placeholder',
  'send',
  'error_network',
  'error_busy',
  'error_invalid',
  'error_session',
  'restart',
] as const;

/** Options of {@link chatPage}. */
export interface ChatPageOptions {
  userId: string;
  locale: Locale;
  /** True when the person has never chatted here: the page sends `/start` by itself. */
  fresh: boolean;
  t: Translate;
  /** A deep-link payload (`survey_<id>`) from `/chat?start=`, sent as `/start <payload>`. */
  start?: string;
}

/** The form of a `/chat?start=` payload (`survey_<id>`, `course_<id>`); anything else is ignored. */
export const START_PAYLOAD = /^[a-z][a-z0-9_]{0,63}$/;

/** The `/chat?start=` payload when it is one, else undefined. */
export function startPayload(raw: string | undefined): string | undefined {
  return raw !== undefined && START_PAYLOAD.test(raw) ? raw : undefined;
}

/** Make JSON safe to embed inside a `<script>` element. */
function embedJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026');
}

/**
 * The `/chat` page: phone-sized, plain HTML with inline script, no build step. Messages
 * are drawn with DOM text nodes (never innerHTML), so nothing a person types can run.
 */
export function chatPage(options: ChatPageOptions): string {
  const chrome = Object.fromEntries(
    LOCALES.map((l) => [
      l,
      Object.fromEntries(CHROME_KEYS.map((k) => [k, options.t(l, `webchat.${k}`)])),
    ]),
  );
  const boot = embedJson({
    userId: options.userId,
    locale: options.locale,
    fresh: options.fresh,
    start: options.start ?? null,
    chrome,
  });
  const title = options.t(options.locale, 'webchat.title');
  return `<!doctype html>
<html lang="${options.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
<style>${STYLE}</style>
</head>
<body>
<header><h1 id="title">${escapeHtml(title)}</h1><button id="restart" type="button"></button></header>
<main id="log" aria-live="polite"></main>
<form id="form" autocomplete="off">
  <textarea id="input" rows="1" maxlength="4000" enterkeyhint="send"></textarea>
  <button id="send" type="submit"></button>
</form>
<script>window.CHAT_BOOT = ${boot};</script>
<script>${SCRIPT}</script>
</body>
</html>`;
}

/** Escape text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

const STYLE = `
*{box-sizing:border-box}
html,body{height:100%;margin:0}
body{display:flex;flex-direction:column;max-width:560px;margin:0 auto;font:16px/1.45 system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;background:#f4f1ea;color:#222}
header{display:flex;align-items:center;justify-content:space-between;padding:10px 14px;background:#2f6b3a;color:#fff}
header h1{font-size:17px;margin:0}
header button{background:transparent;color:#fff;border:1px solid #fff8;border-radius:14px;padding:4px 10px;font-size:13px}
main{flex:1;overflow-y:auto;padding:12px}
.msg{width:fit-content;max-width:85%;margin:6px 0;padding:9px 12px;border-radius:14px;white-space:pre-wrap;word-wrap:break-word}
.bot{background:#fff;border-bottom-left-radius:4px}
.me{background:#d7ecc8;margin-left:auto;border-bottom-right-radius:4px}
.err{background:#fde2e1;color:#8a1c15}
.choices{display:flex;flex-wrap:wrap;gap:6px;margin:4px 0 10px}
.choices button{font:inherit;font-size:15px;padding:7px 12px;border-radius:16px;border:1px solid #2f6b3a;background:#fff;color:#2f6b3a}
.choices button:disabled{opacity:.45}
.choices.answered{display:none}
form{display:flex;gap:8px;padding:8px;background:#fff;border-top:1px solid #ddd}
textarea{flex:1;font:inherit;resize:none;padding:8px 10px;border:1px solid #bbb;border-radius:18px;max-height:120px}
textarea:focus{outline:none;border-color:#2f6b3a;box-shadow:0 0 0 2px #2f6b3a33}
form button{font:inherit;padding:0 16px;border:0;border-radius:18px;background:#2f6b3a;color:#fff}
`;

// Plain ES2017 for old phone browsers; no framework, no build step.
const SCRIPT = `
(function () {
  var boot = window.CHAT_BOOT;
  var locale = boot.locale;
  var log = document.getElementById('log');
  var form = document.getElementById('form');
  var input = document.getElementById('input');
  var sendButton = document.getElementById('send');
  var busy = false;
  function tr(key) { return (boot.chrome[locale] || boot.chrome['zh-CN'])[key]; }
  function paintChrome() {
    document.documentElement.lang = locale;
    document.getElementById('title').textContent = tr('title');
    document.title = tr('title');
    input.placeholder = tr('placeholder');
    sendButton.textContent = tr('send');
    document.getElementById('restart').textContent = tr('restart');
  }
  function newId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return 'm' + Date.now().toString(36) + Math.random().toString(36).slice(2);
  }
  // The tiny markup: **bold** and [label](https://link); everything else is text. The
  // pattern is core/markup.ts's, written in when the page is built.
  function appendRich(parent, text) {
    var re = new RegExp(${JSON.stringify(MARKUP_PATTERN_SOURCE)}, 'g'), last = 0, m;
    while ((m = re.exec(text))) {
      parent.appendChild(document.createTextNode(text.slice(last, m.index)));
      if (m[1] !== undefined) { var b = document.createElement('b'); b.textContent = m[1]; parent.appendChild(b); }
      else { var a = document.createElement('a'); a.textContent = m[2]; a.href = m[3]; a.target = '_blank'; a.rel = 'noopener'; parent.appendChild(a); }
      last = re.lastIndex;
    }
    parent.appendChild(document.createTextNode(text.slice(last)));
  }
  function bubble(cls, text) {
    var div = document.createElement('div');
    div.className = 'msg ' + cls;
    appendRich(div, text);
    log.appendChild(div);
    log.scrollTop = log.scrollHeight;
    return div;
  }
  // Answered questions lose their buttons: the answer shows as the person's bubble.
  function disableOldChoices() {
    var old = log.querySelectorAll('.choices');
    for (var i = 0; i < old.length; i++) {
      var buttons = old[i].querySelectorAll('button');
      for (var j = 0; j < buttons.length; j++) buttons[j].disabled = true;
      old[i].className = 'choices answered';
    }
    return old.length ? old[old.length - 1] : null;
  }
  // When a message could not be sent, the question's buttons come back.
  function restoreChoices(row) {
    if (!row) return;
    row.className = 'choices';
    var buttons = row.querySelectorAll('button');
    for (var j = 0; j < buttons.length; j++) buttons[j].disabled = false;
  }
  function showChoices(choices, ref) {
    var row = document.createElement('div');
    row.className = 'choices';
    choices.forEach(function (c) {
      var btn = document.createElement('button');
      btn.type = 'button';
      btn.textContent = c.label;
      btn.setAttribute('data-choice', c.id);
      btn.addEventListener('click', function () { send({ choiceId: c.id, ref: ref }, c.label); });
      row.appendChild(btn);
    });
    log.appendChild(row);
    log.scrollTop = log.scrollHeight;
  }
  // Same messageId on every retry: the server answers a repeat without doing it twice.
  // A network error or a 503 (the store or the person's queue is busy) is tried again,
  // waiting a little longer each time, before the person is told.
  var RETRY_WAITS = [500, 1000, 2000, 4000];
  function post(body, attempt) {
    attempt = attempt || 0;
    function again(fail) {
      if (attempt >= RETRY_WAITS.length) return fail();
      var wait = RETRY_WAITS[attempt] * (0.75 + Math.random() / 2);
      return new Promise(function (r) { setTimeout(r, wait); }).then(function () { return post(body, attempt + 1); });
    }
    return fetch('/webchat/api/messages', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify(body)
    }).then(function (res) {
      return res.status === 503 ? again(function () { return res; }) : res;
    }, function (err) {
      return again(function () { throw err; });
    });
  }
  function send(payload, shown) {
    if (busy) return;
    busy = true;
    var lastRow = disableOldChoices();
    if (shown) bubble('me', shown);
    var body = { userId: boot.userId, locale: locale, messageId: newId() };
    if (payload.choiceId) { body.choiceId = payload.choiceId; if (payload.ref) body.ref = payload.ref; } else body.text = payload.text;
    post(body).then(function (res) {
      return res.json().then(function (data) { return { status: res.status, data: data }; });
    }).then(function (r) {
      if (r.status === 200) {
        r.data.messages.forEach(function (m) {
          bubble('bot', m.text);
          if (m.choices && m.choices.length) showChoices(m.choices, m.ref);
        });
        if (r.data.locale && r.data.locale !== locale) { locale = r.data.locale; paintChrome(); }
      } else if (r.status >= 500) {
        bubble('err', tr('error_busy'));
        restoreChoices(lastRow);
      } else if (r.status === 401 || r.status === 403) {
        bubble('err', tr('error_session'));
        restoreChoices(lastRow);
      } else {
        restoreChoices(lastRow);
        var fields = r.data && r.data.fields ? Object.keys(r.data.fields).map(function (k) { return k + ': ' + r.data.fields[k].join(', '); }).join('; ') : (r.data && r.data.error) || r.status;
        bubble('err', tr('error_invalid') + ' ' + fields);
      }
    }).catch(function () {
      bubble('err', tr('error_network'));
      restoreChoices(lastRow);
    }).then(function () { busy = false; input.focus(); });
  }
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    input.value = '';
    send({ text: text }, text);
  });
  input.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); form.requestSubmit ? form.requestSubmit() : form.dispatchEvent(new Event('submit')); }
  });
  document.getElementById('restart').addEventListener('click', function () { send({ text: '/start' }, '/start'); });
  paintChrome();
  // A link to one survey (\`/chat?start=survey_<id>\`) starts it; the address then loses the
  // parameter, so reloading the page does not start it again.
  if (boot.start) {
    send({ text: '/start ' + boot.start });
    if (history.replaceState) history.replaceState(null, '', location.pathname);
  } else if (boot.fresh) send({ text: '/start' }); else send({ text: '/menu' });
})();
`;
