import { describe, expect, it } from 'vitest';
import { buildWechatXml, parseWechatXml } from './xml';

const text = `<xml>
  <ToUserName><![CDATA[gh_123]]></ToUserName>
  <FromUserName><![CDATA[oUser]]></FromUserName>
  <CreateTime>1700000000</CreateTime>
  <MsgType><![CDATA[text]]></MsgType>
  <Content><![CDATA[ 浙江 & <b> ]]></Content>
  <MsgId>9876543210987654321</MsgId>
</xml>`;

describe('parseWechatXml', () => {
  it('reads the fields as strings, CDATA verbatim, 64-bit ids intact', () => {
    expect(parseWechatXml(text)).toEqual({
      ok: true,
      fields: {
        ToUserName: 'gh_123',
        FromUserName: 'oUser',
        CreateTime: '1700000000',
        MsgType: 'text',
        Content: ' 浙江 & <b> ',
        MsgId: '9876543210987654321',
      },
    });
  });
  it('decodes the predefined entities in plain text, and only those', () => {
    const parsed = parseWechatXml('<xml><A>a &amp; b &#20013;&#x6587; &lt;&nope;</A></xml>');
    expect(parsed).toEqual({ ok: true, fields: { A: 'a & b 中文 <&nope;' } });
  });
  it('skips nested event details', () => {
    const parsed = parseWechatXml(
      '<xml><Event><![CDATA[scancode_push]]></Event><ScanCodeInfo><ScanType>qrcode</ScanType></ScanCodeInfo></xml>',
    );
    expect(parsed).toEqual({ ok: true, fields: { Event: 'scancode_push' } });
  });

  it('refuses a billion-laughs DTD without expanding anything', () => {
    const bomb = `<?xml version="1.0"?>
<!DOCTYPE lolz [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<xml><Content>&lol9;</Content></xml>`;
    expect(parseWechatXml(bomb)).toEqual({ ok: false, reason: 'dtd' });
  });
  it('refuses external entities', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><Content>&xxe;</Content></xml>`;
    expect(parseWechatXml(xxe)).toEqual({ ok: false, reason: 'dtd' });
    expect(parseWechatXml('<!doctype xml><xml></xml>')).toEqual({ ok: false, reason: 'dtd' });
  });
  it('leaves an undeclared entity reference as text', () => {
    expect(parseWechatXml('<xml><Content>&xxe;</Content></xml>')).toEqual({
      ok: true,
      fields: { Content: '&xxe;' },
    });
  });
  it('refuses truncated, empty, repeated and foreign documents', () => {
    expect(parseWechatXml(text.slice(0, 120))).toEqual({ ok: false, reason: 'malformed' });
    expect(parseWechatXml('<xml><Content><![CDATA[ab')).toEqual({
      ok: false,
      reason: 'malformed',
    });
    expect(parseWechatXml('')).toEqual({ ok: false, reason: 'malformed' });
    expect(parseWechatXml('<xml><A>1</A><A>2</A></xml>')).toEqual({
      ok: false,
      reason: 'malformed',
    });
    expect(parseWechatXml('<html><A>1</A></html>')).toEqual({ ok: false, reason: 'not_wechat' });
    expect(parseWechatXml('{"MsgType":"text"}')).toEqual({ ok: false, reason: 'malformed' });
    expect(parseWechatXml('<xml><__proto__>x</__proto__></xml>')).toEqual({
      ok: false,
      reason: 'malformed',
    });
  });
  it('keeps `]]` pieces inside CDATA and joins split sections', () => {
    const parsed = parseWechatXml(
      '<xml><A><![CDATA[a]]b]]]></A><B><![CDATA[x]]]]><![CDATA[>y]]></B><C><![CDATA[]]></C></xml>',
    );
    expect(parsed).toEqual({ ok: true, fields: { A: 'a]]b]', B: 'x]]>y', C: '' } });
  });
  it('reads a declaration, comments, attributes, empty and spaced tags', () => {
    const parsed = parseWechatXml(
      `<?xml version="1.0" encoding="UTF-8"?>\n<!-- from WeChat -->\n<xml a="1" b='<2'>\n` +
        `<A x="y">1</A ><B/><C></C><!-- c --><D>  spaced  </D></xml>\n<!-- end -->\n`,
    );
    // An attribute value with `<` is not well formed.
    expect(parsed).toEqual({ ok: false, reason: 'malformed' });
    const fine = parseWechatXml(
      `<?xml version="1.0"?>\n<!-- from WeChat -->\n<xml a="1" b='2'>\n` +
        `<A x="y">1</A ><B/><C></C><!-- c --><D>  spaced  </D></xml>\n<!-- end -->\n`,
    );
    expect(fine).toEqual({ ok: true, fields: { A: '1', B: '', C: '', D: '  spaced  ' } });
  });
  it('refuses mismatched, unclosed, doubled and trailing markup', () => {
    for (const body of [
      '<xml><A>1</B></xml>',
      '<xml><A>1</A>',
      '<xml><A>1</A></xml><xml></xml>',
      '<xml><A>1</A></xml>trailing',
      '<xml><A x=1>1</A></xml>',
      '<xml><A x="1"y="2">1</A></xml>',
      '<xml><A>1<!-- open</A></xml>',
      '<xml><!A></xml>',
      '<xml><1A>1</1A></xml>',
      '<xml><A>1</A></xml',
      '   ',
    ])
      expect(parseWechatXml(body), body).toEqual({ ok: false, reason: 'malformed' });
  });
  it('refuses a repeated event detail as it refuses a repeated field', () => {
    const twice = '<xml><Info><X>1</X></Info><Info><X>2</X></Info></xml>';
    expect(parseWechatXml(twice)).toEqual({ ok: false, reason: 'malformed' });
  });
  it('reads a huge field in one pass and refuses huge nesting without recursing', () => {
    const big = 'z'.repeat(2_000_000);
    expect(parseWechatXml(`<xml><Content><![CDATA[${big}]]></Content></xml>`)).toEqual({
      ok: true,
      fields: { Content: big },
    });
    const opens = `<xml>${'<a>'.repeat(200_000)}`;
    expect(parseWechatXml(opens)).toEqual({ ok: false, reason: 'malformed' });
    const unclosed = `<xml><Content><![CDATA[${big}`;
    expect(parseWechatXml(unclosed)).toEqual({ ok: false, reason: 'malformed' });
  });
  it('refuses deep nesting', () => {
    const deep = `<xml>${'<a>'.repeat(40)}x${'</a>'.repeat(40)}</xml>`;
    expect(parseWechatXml(deep)).toEqual({ ok: false, reason: 'malformed' });
  });
});

describe('buildWechatXml', () => {
  it('writes CDATA for strings and survives a closing sequence inside', () => {
    const xml = buildWechatXml({ ToUserName: 'o1', CreateTime: 5, Content: 'a]]>b <c> & 中' });
    expect(xml).toBe(
      '<xml><ToUserName><![CDATA[o1]]></ToUserName><CreateTime>5</CreateTime><Content><![CDATA[a]]]]><![CDATA[>b <c> & 中]]></Content></xml>',
    );
    expect(parseWechatXml(xml)).toEqual({
      ok: true,
      fields: { ToUserName: 'o1', CreateTime: '5', Content: 'a]]>b <c> & 中' },
    });
  });
});
