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
