import { strict as assert } from 'assert';
import { spawnSync } from 'child_process';
import { join } from 'path';

const BIN = join(__dirname, '..', '..', 'bin', 'fangan');
const cli = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: '', LC_MESSAGES: '', ...env } });

describe('CLI speaks Chinese or English (--lang, else the system locale)', function () {
  this.timeout(30000);

  it('usage errors and the usage text follow --lang, also before the arguments are parsed', () => {
    const zh = cli(['nonsense', '--lang', 'zh']);
    assert.equal(zh.status, 2);
    assert.match(zh.stderr, /^fangan: 没有“nonsense”这个命令\n\n用法：\n  fangan check/);
    const en = cli(['nonsense', '--lang=en']);
    assert.match(en.stderr, /^fangan: unknown command "nonsense"\n\nUsage:\n/);
    assert.match(cli(['check', '--lang', 'zh']).stderr, /check 需要至少一个文件/);
    assert.match(cli(['check', '--format', 'xml', '--lang', 'zh', 'x.txt']).stderr, /--format 只能是 text、json、sarif，不能是“xml”/);
    assert.match(cli(['check', '--format', 'xml', '--lang', 'en', 'x.txt']).stderr, /--format must be text, json or sarif, not "xml"/);
  });

  it('without --lang, LANG decides', () => {
    assert.match(cli(['--help'], { LANG: 'zh_CN.UTF-8' }).stdout, /^用法：/);
    assert.match(cli(['--help'], { LANG: 'en_US.UTF-8' }).stdout, /^Usage:/);
  });

  it('an unreadable file is named in the user\'s language', () => {
    const zh = cli(['check', '--lang', 'zh', 'no-such-file.txt']);
    assert.equal(zh.status, 1);
    assert.match(zh.stderr, /no-such-file\.txt: 无法读取：文件不存在/);
    assert.match(cli(['check', '--lang', 'en', 'no-such-file.txt']).stderr, /no-such-file\.txt: cannot read: no such file/);
  });
});
