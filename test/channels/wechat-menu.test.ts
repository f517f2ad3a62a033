import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWechatMenu } from '../../src/channels/wechat/menu';
import { content } from '../../src/content';
import { translate } from '../../src/i18n';
import { copy } from '../support/copy';
import { FakeWechatApi, startWechatApiServer } from '../support/wechat-api';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const tsx = resolve(root, 'node_modules/.bin/tsx');

describe('wechat:menu', () => {
  const api = new FakeWechatApi();
  let server: Awaited<ReturnType<typeof startWechatApiServer>>;
  beforeAll(async () => {
    server = await startWechatApiServer(api);
  });
  afterAll(() => server.close());

  const env = (extra: Record<string, string>) => ({
    ...process.env,
    WECHAT_APP_ID: 'wxmenu',
    WECHAT_APP_SECRET: 'menu-secret',
    WECHAT_API_ROOT: server.url,
    ...extra,
  });

  it('creates the Chinese menu from content with a stable token', async () => {
    api.reset({ all: true });
    const { stdout } = await run(tsx, ['scripts/wechat-menu.ts'], { cwd: root, env: env({}) });
    expect(stdout).toContain('menu created for wxmenu');
    expect(api.calls.map((c) => c.path)).toEqual(['/cgi-bin/stable_token', '/cgi-bin/menu/create']);
    expect(api.calls[0]?.body).toMatchObject({ appid: 'wxmenu', force_refresh: false });
    const create = api.calls[1]!;
    expect(create.accessToken).toBe('ACCESS_TOKEN_1');
    expect(create.body).toEqual(
      buildWechatMenu({
        items: content.lists.menu ?? [],
        commands: content.commands,
        locale: 'zh-CN',
        t: translate,
      }),
    );
    expect(JSON.stringify(create.body)).toContain(copy('menu.help', 'zh-CN'));
  });

  it('prints without calling WeChat on --dry-run, and fails loudly on an API error', async () => {
    api.reset({ all: true });
    const dry = await run(tsx, ['scripts/wechat-menu.ts', '--dry-run'], {
      cwd: root,
      env: env({}),
    });
    expect(dry.stdout).toContain('"key": "cmd:help"');
    expect(api.calls).toEqual([]);

    api.fail('/cgi-bin/menu/create', 40018);
    await expect(
      run(tsx, ['scripts/wechat-menu.ts'], { cwd: root, env: env({}) }),
    ).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('40018') as unknown });
  });
});
