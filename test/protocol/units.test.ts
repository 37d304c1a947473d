import { strict as assert } from 'assert';
import { isIgnoreAction } from '../../server/src/service/features/codeActions';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { CodeAction, CompletionList, Diagnostic, Hover, MarkupContent } from 'vscode-languageserver-types';
import { SEEDS, seedText } from '../helpers/fixture';
import { fileUri, startServer, type TestServer } from '../helpers/lspClient';

const leadCodes = (ds: Diagnostic[]) => ds.map((d) => String(d.code)).filter((c) => c.startsWith('lead-unit-'));

describe('lead units through the language server', function () {
  this.timeout(30000);

  describe('in a plan without a workspace', () => {
    let server: TestServer;
    before(async () => (server = await startServer()));
    after(async () => server?.stop());

    it('publishes seed 001’s lead-unit findings and offers their quick fixes', async () => {
      const uri = fileUri('/tmp/fangan-units/001.txt');
      const published = server.nextDiagnostics(uri, (d) => d.length > 0);
      server.open(uri, seedText(SEEDS.xiji));
      const { diagnostics } = await published;
      const unknown = diagnostics.filter((d) => d.code === 'lead-unit-unknown');
      assert.deepEqual(unknown.map((d) => d.range.start.line + 1), [42, 58, 66, 114, 122, 128]);
      const actions = ((await server.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri },
        range: unknown[0].range,
        context: { diagnostics: [unknown[0]], only: ['quickfix'] },
      })) as CodeAction[]).filter((a) => !isIgnoreAction(a));
      assert.equal(actions.length, 1);
      assert.equal(actions[0].edit?.changes?.[uri]?.[0].newText, '县委宣传部');
    });

    it('completes after 牵头单位： and continues after 、', async () => {
      const uri = fileUri('/tmp/fangan-units/003.txt');
      const lines = seedText(SEEDS.dazu).split('\n');
      const i = lines.findIndex((l) => l.startsWith('（十二）'));
      lines[i] = lines[i].replace(/（牵头单位：[^）]*）$/, '（牵头单位：');
      const published = server.nextDiagnostics(uri);
      server.open(uri, lines.join('\n'));
      await published;
      const first = (await server.connection.sendRequest('textDocument/completion', {
        textDocument: { uri },
        position: { line: i, character: lines[i].length },
        context: { triggerKind: 2, triggerCharacter: '：' },
      })) as CompletionList;
      assert.ok(first.items.length > 20);
      assert.ok(first.items[0].label.startsWith('区'), first.items[0].label);
      const top = first.items[0].label;

      await server.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: 2 },
        contentChanges: [{ range: { start: { line: i, character: lines[i].length }, end: { line: i, character: lines[i].length } }, text: `${top}、` }],
      });
      const next = (await server.connection.sendRequest('textDocument/completion', {
        textDocument: { uri },
        position: { line: i, character: lines[i].length + top.length + 1 },
        context: { triggerKind: 2, triggerCharacter: '、' },
      })) as CompletionList;
      assert.ok(next.items.length > 20);
      assert.ok(!next.items.some((x) => x.label === top), 'the unit already named is not offered again');
    });

    it('answers hover on a unit name', async () => {
      const uri = fileUri('/tmp/fangan-units/002.txt');
      const text = seedText(SEEDS.guizhou);
      const published = server.nextDiagnostics(uri);
      server.open(uri, text);
      await published;
      const lines = text.split('\n');
      const line = lines.findIndex((l) => l === '牵头单位:省司法厅');
      const hover = (await server.connection.sendRequest('textDocument/hover', {
        textDocument: { uri },
        position: { line, character: 7 },
      })) as Hover;
      const md = (hover.contents as MarkupContent).value;
      assert.match(md, /\*\*省司法厅\*\*/);
      assert.match(md, /牵头 \d+ 项/);
      assert.ok(md.includes(`${uri}#L`));
    });
  });

  describe('with a workspace registry (.fangan/units.json)', () => {
    let dir: string;
    let server: TestServer;
    const plan = [
      '清河县法治社会建设实施方案',
      '一、推进社会治理法治化',
      '1.推动产业园区企业依法经营。',
      '牵头单位：县商务和工业信息化局',
      '2.引导企业树立合规意识。',
      '牵头单位：商务工业信息化局',
      '3.深化“法律进企业”活动。',
      '牵头单位：县商务和工业信息化局',
    ].join('\n');
    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'fangan-ws-'));
      mkdirSync(join(dir, '.fangan'));
      writeFileSync(join(dir, '.fangan', 'units.json'), JSON.stringify({ units: [{ name: '县商务和工业信息化局', aliases: ['商务工业信息化局'] }] }));
      server = await startServer({ workspaceFolders: [dir] });
    });
    after(async () => {
      await server?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('uses the office’s aliases, reloads on change, and reports a broken file once', async () => {
      const uri = fileUri(join(dir, 'plan.txt'));
      const aliased = server.nextDiagnostics(uri, (d) => leadCodes(d).includes('lead-unit-inconsistent'));
      server.open(uri, plan);
      await aliased; // the registry loads after start and the plan is re-checked with it

      writeFileSync(join(dir, '.fangan', 'units.json'), '{ "units": [ ');
      const rechecked = server.nextDiagnostics(uri, (d) => !leadCodes(d).includes('lead-unit-inconsistent'));
      await server.connection.sendNotification('workspace/didChangeWatchedFiles', {
        changes: [{ uri: fileUri(join(dir, '.fangan', 'units.json')), type: 2 }],
      });
      await rechecked;
      const warnings = () => server.shownMessages.filter((m) => m.message.includes('units.json'));
      for (let i = 0; i < 50 && warnings().length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      assert.equal(warnings().length, 1);
      assert.match(warnings()[0].message, /units\.json:1:\d+/);
      assert.match(warnings()[0].message, /内置的模板和单位名录照常使用/);

      // The same broken file again: no second message.
      await server.connection.sendNotification('workspace/didChangeWatchedFiles', {
        changes: [{ uri: fileUri(join(dir, '.fangan', 'units.json')), type: 2 }],
      });
      await server.nextDiagnostics(uri);
      assert.equal(warnings().length, 1);
    });
  });
});
