import { strict as assert } from 'assert';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { fileURLToPath } from 'url';
import type { Diagnostic, TextEdit } from 'vscode-languageserver-types';

/** A versioned edit of one document, as the server answers it. */
interface DocumentEdit {
  textDocument: { uri: string; version: number };
  edits: TextEdit[];
}
import type { DocumentStatus } from '../../server/src/service/features/status';
import { applyEdits } from '../../server/src/service/text/edits';
import { SEEDS, seedText } from '../helpers/fixture';
import { fileUri, startServer, type TestServer } from '../helpers/lspClient';
import { CHECK_WORKSPACE_REQUEST, FIX_ALL_REQUEST, NEW_PLAN_REQUEST, SET_TEMPLATE_REQUEST, STATUS_NOTIFICATION, TEMPLATES_REQUEST } from '../../server/src/protocol';

/** The editor-facing requests and notifications of issue #9, against the built server. */
describe('plan-level actions over LSP (built server)', function () {
  this.timeout(30000);
  let dir: string;
  let server: TestServer;
  const statuses: DocumentStatus[] = [];
  const progress: unknown[] = [];
  const nextStatus = async (uri: string, accept: (s: DocumentStatus) => boolean = () => true): Promise<DocumentStatus> => {
    for (let i = 0; i < 200; i++) {
      const found = statuses.find((s) => s.uri === uri && accept(s));
      if (found) return found;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`no fangan/status for ${uri}`);
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fangan-actions-'));
    mkdirSync(join(dir, 'drafts', 'old'), { recursive: true });
    mkdirSync(join(dir, 'node_modules', 'x'), { recursive: true });
    writeFileSync(join(dir, 'drafts', '001.txt'), seedText(SEEDS.xiji));
    writeFileSync(join(dir, 'drafts', 'old', '002.txt'), seedText(SEEDS.guizhou));
    writeFileSync(join(dir, 'drafts', 'notes.txt'), 'shopping list\n');
    writeFileSync(join(dir, 'node_modules', 'x', 'readme.txt'), seedText(SEEDS.xiji));
    server = await startServer({
      workspaceFolders: [dir],
      onNotification: {
        [STATUS_NOTIFICATION]: (params) => statuses.push(params as DocumentStatus),
        '$/progress': (params) => progress.push(params),
      },
    });
  });
  after(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends fangan/status after each check, and links each code to its page', async () => {
    const uri = 'file:///tmp/fangan-status-001.txt';
    const published = server.nextDiagnostics(uri, (d) => d.length > 0);
    server.open(uri, seedText(SEEDS.xiji));
    const { diagnostics } = await published;
    const status = await nextStatus(uri);
    assert.equal(status.plans.length, 1);
    assert.match(status.plans[0].text, /^\$\(error\) 法治社会 · 县级 · \d+ 处问题$/);
    assert.equal(status.plans[0].text, `$(error) 法治社会 · 县级 · ${diagnostics.length} 处问题`);
    for (const d of diagnostics) {
      assert.equal(typeof d.code, 'string');
      const href = d.codeDescription?.href;
      assert.ok(href?.startsWith('file://') && href.endsWith(`/docs/rules/${String(d.code)}.md`), href);
      assert.ok(existsSync(fileURLToPath(href!)), `${href} exists`);
    }
  });

  it('hides the status (no plans) for a document Fangan does not check', async () => {
    const uri = 'file:///tmp/fangan-status-notes.txt';
    server.open(uri, 'shopping list\nmilk\n');
    const status = await nextStatus(uri);
    assert.deepEqual(status.plans, []);
  });

  it('fangan/fixAll answers a versioned edit that fixes what source.fixAll fixes', async () => {
    const uri = 'file:///tmp/fangan-fixall-001.txt';
    const text = seedText(SEEDS.xiji);
    const published = server.nextDiagnostics(uri, (d) => d.length > 0);
    server.open(uri, text);
    const before = (await published).diagnostics;
    const answer = (await server.connection.sendRequest(FIX_ALL_REQUEST, { uri, version: 1 })) as { edit: { documentChanges: DocumentEdit[] }; fixes: number };
    assert.ok(answer.fixes > 0);
    const change = answer.edit.documentChanges[0];
    assert.deepEqual(change.textDocument, { uri, version: 1 });
    assert.equal(change.edits.length, answer.fixes);
    const fixed = applyEdits(text, change.edits);
    const uri2 = 'file:///tmp/fangan-fixall-001-fixed.txt';
    const published2 = server.nextDiagnostics(uri2);
    server.open(uri2, fixed);
    const after = (await published2).diagnostics;
    const damaged = (ds: Diagnostic[]) => ds.filter((d) => d.code === 'numbering-damaged').length;
    assert.ok(damaged(before) > 0 && damaged(after) === 0);
    // a stale version gets nothing
    assert.deepEqual(await server.connection.sendRequest(FIX_ALL_REQUEST, { uri, version: 7 }), { edit: null, fixes: 0 });
  });

  it('fangan/templates and fangan/setTemplate write the template directive into the plan', async () => {
    const uri = 'file:///tmp/fangan-template-002.txt';
    const text = seedText(SEEDS.guizhou);
    server.open(uri, text);
    await nextStatus(uri);
    const templates = (await server.connection.sendRequest(TEMPLATES_REQUEST, { uri, line: 100 })) as {
      templates: Array<{ id: string }>;
      current: { id: string; via: string };
      levels: Array<{ level: string; label: string }>;
    };
    assert.deepEqual(templates.templates.map((t) => t.id), ['fazhi-shehui', 'fazhi-zhengfu', 'generic']);
    assert.deepEqual(templates.current, { id: 'fazhi-shehui', via: 'kind' });
    assert.deepEqual(templates.levels.map((l) => l.label), ['省级（省、自治区、直辖市）', '市级（市、州、盟）', '县级（县、旗）', '区（县级）']);
    const answer = (await server.connection.sendRequest(SET_TEMPLATE_REQUEST, { uri, line: 100, template: 'fazhi-zhengfu' })) as {
      edit: { documentChanges: DocumentEdit[] };
      problem: null;
    };
    assert.equal(answer.problem, null);
    const edits = answer.edit.documentChanges[0].edits;
    assert.deepEqual(edits.map((e) => e.newText), ['<!-- fangan: template fazhi-zhengfu -->\n']);
    assert.ok(applyEdits(text, edits).includes('(2021—2025年)\n<!-- fangan: template fazhi-zhengfu -->\n'));
    const refused = (await server.connection.sendRequest(SET_TEMPLATE_REQUEST, { uri, line: 0, template: 'nonesuch' })) as { problem: string };
    assert.equal(refused.problem, '没有标识为“nonesuch”的模板');
  });

  it('fangan/newPlan answers the skeleton of a new plan', async () => {
    const answer = (await server.connection.sendRequest(NEW_PLAN_REQUEST, { template: 'fazhi-shehui', level: 'county', region: '清河' })) as { text: string; title: string };
    assert.equal(answer.title, '清河县法治社会建设实施方案（2021—2025年）');
    assert.ok(answer.text.startsWith('清河县法治社会建设实施方案（2021—2025年）\n'));
    assert.match(answer.text, /\n七、加强组织保障\n/);
    const bad = (await server.connection.sendRequest(NEW_PLAN_REQUEST, { template: 'x', level: 'county' })) as { problem: string };
    assert.equal(bad.problem, '没有标识为“x”的模板');
  });

  it('fangan/checkWorkspace publishes every plan file of the workspace, with progress, and says what it did', async () => {
    const first = fileUri(join(dir, 'drafts', '001.txt'));
    const published = server.nextDiagnostics(first, (d) => d.length > 0);
    const answer = (await server.connection.sendRequest(CHECK_WORKSPACE_REQUEST, {})) as {
      summary: { files: number; plans: number; withFindings: number; truncated: boolean };
      message: string;
    };
    assert.deepEqual({ files: answer.summary.files, plans: answer.summary.plans, withFindings: answer.summary.withFindings, truncated: answer.summary.truncated }, { files: 3, plans: 2, withFindings: 1, truncated: false });
    assert.match(answer.message, /^方案助手：检查了 2 个方案文件，其中 1 个有问题，共 \d+ 处（见“问题”面板）。$/);
    const diagnostics = (await published).diagnostics;
    assert.ok(diagnostics.some((d) => d.code === 'numbering-damaged'));
    const kinds = progress.map((p) => (p as { value: { kind: string } }).value.kind);
    assert.equal(kinds[0], 'begin');
    assert.ok(kinds.includes('report') && kinds[kinds.length - 1] === 'end', kinds.join());
  });
});
