import { strict as assert } from 'assert';
import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { SEEDS } from '../helpers/fixture';

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'fangan');
const seedPath = (name: string) => join('corpus', 'seeds', name);

function fangan(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, LANG: 'C' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}
interface OutlineNode {
  kind: string;
  depth: number;
  marker: string | null;
  number: number | null;
  title: string;
  range: JsonRange;
  lead: string[];
  support: string[];
  responsible: string[];
  deadline: string | null;
  children: OutlineNode[];
}

describe('CLI (bin/fangan, built)', function () {
  this.timeout(30000);
  before(() => assert.ok(existsSync(join(ROOT, 'server', 'out', 'cli.js')), 'build first: npm run build'));

  it('search --format json prints exactly score, text, plan, level, section, lead (higher score first)', () => {
    const r = fangan('search', '全面落實憲法宣誓制度', '--limit', '3', '--format', 'json');
    assert.equal(r.code, 0, r.stderr);
    const hits = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    assert.equal(hits.length, 3);
    for (const h of hits) assert.deepEqual(Object.keys(h), ['score', 'text', 'plan', 'level', 'section', 'lead']);
    assert.ok(hits.every((h, i) => i === 0 || (h.score as number) <= (hits[i - 1].score as number)));
    assert.ok((hits[0].text as string).startsWith('全面落实宪法宣誓制度'));
    assert.equal(fangan('search', 'x', '--limit', 'many').code, 2);
  });

  it('exits 2 with usage on a bad command, a bad flag or no files', () => {
    assert.equal(fangan('frobnicate').code, 2);
    assert.equal(fangan('check', '--format', 'xml', 'x.txt').code, 2);
    assert.equal(fangan('check', '--bogus', 'x.txt').code, 2);
    const none = fangan('check');
    assert.equal(none.code, 2);
    assert.match(none.stderr, /Usage:/);
  });

  it('check --format json has exactly the documented shape', () => {
    const r = fangan('check', '--format', 'json', seedPath(SEEDS.dazu), seedPath(SEEDS.suizhou));
    assert.ok(r.code === 0 || r.code === 1, r.stderr);
    const json = JSON.parse(r.stdout) as { files: Array<Record<string, unknown>> };
    assert.deepEqual(Object.keys(json), ['files']);
    assert.equal(json.files.length, 2);
    for (const f of json.files) {
      assert.deepEqual(Object.keys(f), ['file', 'plan', 'diagnostics']);
      assert.deepEqual(Object.keys(f.plan as object), ['kind', 'title', 'level']);
      for (const d of f.diagnostics as Array<Record<string, unknown>>) {
        assert.deepEqual(Object.keys(d), ['code', 'severity', 'message', 'range']);
        assert.match(String(d.severity), /^(error|warning|information|hint)$/);
      }
    }
    assert.equal(json.files[0].file, seedPath(SEEDS.dazu), 'file is reported as given');
    assert.deepEqual(json.files[0].plan, { kind: 'fazhi-shehui', title: '大足区法治社会建设实施方案（2021—2025年）', level: 'county' });
  });

  it('check --format sarif is SARIF 2.1.0 with 1-based regions', () => {
    const r = fangan('check', '--format', 'sarif', seedPath(SEEDS.xiji));
    const sarif = JSON.parse(r.stdout);
    assert.equal(sarif.version, '2.1.0');
    assert.match(sarif.$schema, /sarif-2\.1\.0/);
    assert.equal(sarif.runs.length, 1);
    const run = sarif.runs[0];
    assert.equal(run.tool.driver.name, 'fangan');
    assert.equal(run.columnKind, 'utf16CodeUnits');
    for (const result of run.results) {
      assert.equal(typeof result.ruleId, 'string');
      assert.match(result.level, /^(error|warning|note)$/);
      assert.equal(typeof result.message.text, 'string');
      const region = result.locations[0].physicalLocation.region;
      assert.ok(region.startLine >= 1 && region.startColumn >= 1);
      assert.ok(run.tool.driver.rules.some((rule: { id: string }) => rule.id === result.ruleId));
    }
  });

  it('reports an unreadable or binary file and still checks the others', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fangan-cli-'));
    const binary = join(dir, 'image.txt');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01, 0x02]));
    const r = fangan('check', '--format', 'json', join(dir, 'missing.txt'), binary, seedPath(SEEDS.dazu));
    assert.equal(r.code, 1);
    const json = JSON.parse(r.stdout);
    assert.deepEqual(json.files.map((f: { diagnostics: Array<{ code: string }> }) => f.diagnostics[0]?.code ?? null).slice(0, 2), [
      'file-unreadable',
      'file-binary',
    ]);
    assert.equal(json.files[2].plan.kind, 'fazhi-shehui');
    assert.match(r.stderr, /missing\.txt: cannot read: no such file/);
    assert.match(r.stderr, /image\.txt: not a text file/);
  });

  it('reads a GB18030 (GBK) file as Chinese text', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fangan-cli-'));
    const file = join(dir, 'gbk.txt');
    // 某县法治社会建设实施方案\n一、总体要求 in GBK
    const gbk = Buffer.from('C4B3CFD8B7A8D6CEC9E7BBE1BDA8C9E8CAB5CAA9B7BDB0B80AD2BBA1A2D7DCCCE5D2AAC7F3', 'hex');
    writeFileSync(file, gbk);
    const r = fangan('outline', '--format', 'json', file);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.equal(json.plans[0].title, '某县法治社会建设实施方案');
    assert.equal(json.plans[0].nodes[0].title, '总体要求');
  });

  it('prints text findings as file:line:col severity code message', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fangan-cli-'));
    const binary = join(dir, 'blob.txt');
    writeFileSync(binary, Buffer.alloc(64));
    const r = fangan('check', binary);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^.*blob\.txt:1:1 error file-binary .+$/m);
  });

  describe('outline --format json gives the model of every seed', () => {
    const outline = (name: string) => {
      const r = fangan('outline', '--format', 'json', seedPath(name));
      assert.equal(r.code, 0, r.stderr);
      return JSON.parse(r.stdout) as { file: string; plans: Array<{ kind: string; title: string | null; level: string; nodes: OutlineNode[] }> };
    };
    const flat = (nodes: OutlineNode[]): OutlineNode[] => nodes.flatMap((n) => [n, ...flat(n.children)]);

    it('has the documented node fields', () => {
      const json = outline(SEEDS.xiji);
      assert.deepEqual(Object.keys(json), ['file', 'plans']);
      assert.deepEqual(Object.keys(json.plans[0]), ['kind', 'title', 'level', 'nodes']);
      assert.deepEqual(Object.keys(json.plans[0].nodes[0]), [
        'kind', 'depth', 'marker', 'number', 'title', 'range', 'lead', 'support', 'responsible', 'deadline', 'children',
      ]);
    });
    it('no seed names a deadline next to its notes: every deadline is null', () => {
      for (const seed of Object.values(SEEDS)) {
        for (const plan of outline(seed).plans) assert.ok(flat(plan.nodes).every((n) => n.deadline === null), seed);
      }
    });
    it('000: 2 top-level parts, 28 measures, no notes', () => {
      const nodes = flat(outline(SEEDS.chengdu).plans[0].nodes);
      assert.equal(nodes.filter((n) => n.depth === 1).length, 2);
      assert.equal(nodes.filter((n) => n.kind === 'measure' && n.depth === 3).length, 28);
      assert.ok(nodes.every((n) => n.lead.length + n.support.length + n.responsible.length === 0));
    });
    it('001: damaged markers keep a null number; measures carry their units', () => {
      const nodes = flat(outline(SEEDS.xiji).plans[0].nodes);
      const first = nodes.find((n) => n.range.start.line === 39)!;
      assert.deepEqual([first.marker, first.number, first.lead, first.support], ['1.', 1, ['委宣传部'], ['各乡镇', '各部门(单位)']]);
      assert.equal(nodes.filter((n) => n.marker === ')').every((n) => n.number === null), true);
    });
    it('002: 94 measures (1)…(94) each with lead or responsible units', () => {
      const nodes = flat(outline(SEEDS.guizhou).plans[0].nodes).filter((n) => /^\(\d+\)$/.test(n.marker ?? ''));
      assert.equal(nodes.length, 94);
      assert.ok(nodes.every((n, i) => n.number === i + 1 && n.lead.length + n.responsible.length > 0));
    });
    it('003: （一）…（二十七） continuous with inline notes', () => {
      const nodes = flat(outline(SEEDS.dazu).plans[0].nodes).filter((n) => n.depth === 2);
      assert.deepEqual(nodes.map((n) => n.number), Array.from({ length: 27 }, (_, i) => i + 1));
      assert.equal(nodes.filter((n) => n.lead.length > 0 || n.responsible.length > 0).length, 21);
    });
    it('004: three plans of three kinds', () => {
      const json = outline(SEEDS.suizhou);
      assert.deepEqual(json.plans.map((p) => p.kind), ['fazhi-guihua', 'fazhi-zhengfu', 'fazhi-shehui']);
    });
  });

  describe('outline --format json: deadlines and the other plan kinds', () => {
    const outlineOf = (text: string) => {
      const dir = mkdtempSync(join(tmpdir(), 'fangan-cli-'));
      const file = join(dir, 'plan.txt');
      writeFileSync(file, text);
      const r = fangan('outline', '--format', 'json', file);
      assert.equal(r.code, 0, r.stderr);
      return JSON.parse(r.stdout) as { plans: Array<{ kind: string; level: string; nodes: OutlineNode[] }> };
    };
    const flat = (nodes: OutlineNode[]): OutlineNode[] => nodes.flatMap((n) => [n, ...flat(n.children)]);

    it('gives each measure the deadline of its note or 完成时限 line, without the label, and null otherwise', () => {
      const json = outlineOf(
        [
          '某县2024年优化营商环境工作要点',
          '一、提升政务服务',
          '1.推行帮办代办。设立企业帮办窗口。（牵头单位：县行政审批局；责任单位：县直有关单位，6月底完成）',
          '2.压减开办时间。企业开办一日办结。',
          '牵头单位：县市场监管局',
          '完成时限：2024年底前',
          '3.推行“好差评”。实现评价全覆盖。（县政务服务中心负责）',
        ].join('\n'),
      );
      assert.equal(json.plans[0].kind, 'yingshang-huanjing');
      const measures = flat(json.plans[0].nodes).filter((n) => n.kind === 'measure');
      assert.deepEqual(
        measures.map((n) => [n.number, n.lead, n.support, n.responsible, n.deadline]),
        [
          [1, ['县行政审批局'], ['县直有关单位'], [], '6月底完成'],
          [2, ['县市场监管局'], [], [], '2024年底前'],
          [3, [], [], ['县政务服务中心'], null],
        ],
      );
      assert.equal(json.plans[0].nodes[0].deadline, null, 'a heading without a note of its own has no deadline');
    });
  });
});
