import { strict as assert } from 'assert';
import { isIgnoreAction } from '../../server/src/service/features/codeActions';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { CodeAction, Diagnostic, Hover } from 'vscode-languageserver-types';
import { SEEDS, seedText } from '../helpers/fixture';
import { fileUri, startServer, type TestServer } from '../helpers/lspClient';

/** Mandated sections through the real server: diagnostics, quick fix, hover, and `.fangan/templates` loading. */

async function until(what: string, condition: () => boolean, ms = 5000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('mandated sections over LSP (built server)', function () {
  this.timeout(30000);
  let server: TestServer;
  let folder: string;
  const templates = () => join(folder, '.fangan', 'templates');
  const office = (id: string) =>
    JSON.stringify({ id, name: '年度工作要点', sections: [{ title: '总体要求', role: 'general' }, { title: '重点工作' }, { title: '工作要求', role: 'organisation' }] });

  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'fangan-ws-'));
    mkdirSync(templates(), { recursive: true });
    writeFileSync(join(templates(), 'broken.json'), '{ "id": "office-b", ');
    writeFileSync(join(templates(), 'office.json'), office('office-a'));
    server = await startServer({ workspaceFolders: [folder] });
  });
  after(async () => {
    await server?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('names a broken template file once, and uses the valid one', async () => {
    await until('the broken-template message', () => server.messages.some((m) => m.includes('broken.json')));
    const message = server.messages.find((m) => m.includes('broken.json'))!;
    assert.match(message, /\.fangan\/templates\/broken\.json 有误，已跳过（内置模板照常使用）：不是有效的 JSON：/);

    const uri = fileUri(join(folder, 'draft.txt'));
    const published = server.nextDiagnostics(uri, (ds) => ds.some((d) => d.code === 'section-missing'));
    server.open(uri, '<!-- fangan: template office-a -->\nXX县2024年工作要点\n一、总体要求\n以习近平新时代中国特色社会主义思想为指导。\n二、工作要求\n（一）加强领导。');
    const diagnostics = (await published).diagnostics;
    assert.deepEqual(diagnostics.filter((d) => d.code === 'section-missing').map((d) => d.message), ['缺少必备章节“重点工作”（“年度工作要点”模板），应在“二、工作要求”之前']);

    // A reload with the file still broken does not repeat the message.
    await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(join(templates(), 'office.json')), type: 2 }] });
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(server.messages.filter((m) => m.includes('broken.json')).length, 1);
  });

  it('re-reads .fangan/ when a file there changes', async () => {
    writeFileSync(join(templates(), 'broken.json'), office('office-b'));
    const uri = fileUri(join(folder, 'draft-b.txt'));
    const text = '<!-- fangan: template office-b -->\nXX县2024年工作要点\n一、总体要求\n（一）工作目标。推进法治建设。';
    const first = server.nextDiagnostics(uri);
    server.open(uri, text);
    assert.ok((await first).diagnostics.some((d) => d.code === 'template-unknown'), 'before the reload office-b does not exist');
    const reloaded = server.nextDiagnostics(uri, (ds) => !ds.some((d) => d.code === 'template-unknown'));
    await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(join(templates(), 'broken.json')), type: 2 }] });
    const after = (await reloaded).diagnostics;
    assert.deepEqual(after.filter((d) => d.code === 'section-missing').map((d) => d.message), ['缺少必备章节“重点工作”（“年度工作要点”模板），应在“一、总体要求”之后', '缺少必备章节“工作要求”（“年度工作要点”模板），应在“一、总体要求”之后']);
  });

  it('offers the insert fix for section-missing, and hover on a matched heading', async () => {
    const uri = fileUri(join(folder, '004.txt'));
    const published = server.nextDiagnostics(uri, (ds) => ds.some((d) => d.code === 'section-missing'));
    server.open(uri, seedText(SEEDS.suizhou));
    const missing = (await published).diagnostics.filter((d) => d.code === 'section-missing');
    assert.deepEqual(missing.map((d) => d.range.start.line + 1), [72, 118]);
    const actions = ((await server.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: missing[0].range,
      context: { diagnostics: [missing[0]] as Diagnostic[], only: ['quickfix'] },
    })) as CodeAction[]).filter((a) => !isIgnoreAction(a));
    assert.equal(actions.length, 1);
    assert.equal(actions[0].title, '插入章节“一、总体要求”（含标准表述）');
    const edits = actions[0].edit!.changes![uri];
    assert.ok(edits.some((e) => e.newText.startsWith('\n一、总体要求\n(一)指导思想。')));
    assert.ok(edits.some((e) => e.newText === '二、' && e.range.start.line === 71));

    const hover = (await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 112, character: 3 } })) as Hover;
    assert.match((hover.contents as { value: string }).value, /对应《法治政府建设实施纲要（2021—2025年）》第十部分：加强党的领导、完善推进机制/);
  });
});
