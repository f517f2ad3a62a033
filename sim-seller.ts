import { buildApp } from './src/compose';
const app = buildApp({}, {});
async function chat(user: string, locale: string, lines: string[]) {
  for (const text of lines) {
    const res = await app.request('/webchat/api/messages', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ userId: user, text, locale }) });
    const body = (await res.json()) as { messages: { text: string; choices?: { label: string }[] }[] };
    console.log(`\n>>> ${text}`);
    for (const m of body.messages) console.log(m.text + (m.choices ? '\n  [' + m.choices.map((c) => c.label).join(' | ') + ']' : ''));
  }
}
const who = process.argv[2];
if (who === 'tea') await chat('tea', 'zh-CN', ['/start', '1', '农产品', '云南', '2', '是', '/plan', '/story', '云南普洱古树普洱茶，我们家三代人在山上采茶。非手工制作，没有任何认证。历史最低价！好评返现5元']);
if (who === 'batik') await chat('batik', 'en', ['/start', '2', 'Handicrafts', 'Guizhou', '1', 'yes', '/plan', '/niche', '5', '1', 'none', '80']);
if (who === 'furn') await chat('furn', 'zh-CN', ['/start', '1', '家具', '山东', '3', '是', '/logistics', '800', '120', '否', '6', '300', '2', '25']);
