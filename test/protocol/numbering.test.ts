import { strict as assert } from 'assert';
import { existsSync } from 'fs';
import { join } from 'path';
import type { CodeAction, TextEdit } from 'vscode-languageserver-types';
import { applyEdits } from '../../server/src/service/text/edits';
import { SEEDS, seedText } from '../helpers/fixture';
import { fileUri, SERVER, startServer, type TestServer } from '../helpers/lspClient';

/** Numbering diagnostics and their fixes through the real server: `data` must survive the round trip. */
describe('numbering over LSP (built server/out/server.js)', function () {
  this.timeout(30000);
  let server: TestServer;
  const uri = fileUri(join(__dirname, '..', '..', 'corpus', 'seeds', SEEDS.xiji));
  const text = seedText(SEEDS.xiji);
  let numberingEdits: TextEdit[] = [];

  before(async () => {
    assert.ok(existsSync(SERVER), 'build the server first: npm run build');
    server = await startServer();
  });
  after(async () => server?.stop());

  it('publishes the damaged markers of seed 001, and fixes one with the diagnostic the client sends back', async () => {
    const published = server.nextDiagnostics(uri, (d) => d.some((x) => x.code === 'numbering-damaged'));
    server.open(uri, text);
    const { diagnostics } = await published;
    const line34 = diagnostics.find((d) => d.code === 'numbering-damaged' && d.range.start.line === 33)!;
    assert.equal(line34.message, '编号残缺，只剩“)”，应为“(二)”（“一、总体要求”下的第2项）');
    const actions = (await server.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: line34.range,
      context: { diagnostics: [line34], only: ['quickfix'] },
    })) as CodeAction[];
    const own = actions.find((a) => a.isPreferred)!;
    assert.equal(own.title, '将残缺的编号“)”恢复为“(二)”');
    assert.deepEqual(own.edit?.changes?.[uri], [{ range: line34.range, newText: '(二)' }]);
    const numberingFixAll = actions.find((a) => a.title === '修复本文件全部编号问题');
    assert.ok(numberingFixAll);
    numberingEdits = numberingFixAll.edit!.changes![uri];
    assert.equal(numberingEdits.length, 25);
  });

  it('answers source.fixAll with every numbering fix (and the other rules\' fixes)', async () => {
    const actions = (await server.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    })) as CodeAction[];
    assert.equal(actions.length, 1);
    const edits = actions[0].edit!.changes![uri];
    for (const e of numberingEdits) assert.ok(edits.some((x) => JSON.stringify(x) === JSON.stringify(e)), `fix-all has ${JSON.stringify(e)}`);
    const fixed = applyEdits(text, edits);
    const fixedUri = `${uri}.fixed.txt`;
    const clean = server.nextDiagnostics(fixedUri);
    server.open(fixedUri, fixed);
    assert.deepEqual((await clean).diagnostics.filter((d) => String(d.code).startsWith('numbering-')), []);
  });
});
