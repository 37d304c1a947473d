/**
 * Run as a script (`node --import tsx test/helpers/recordRegExps.ts`): records every regular
 * expression the service BUILDS at run time (`new RegExp(…)`, `RegExp(…)`), with the source line
 * that built it, while it loads and serves a session over the seeds: checks, hover, completion,
 * code actions, corpus search and level adaptation. Prints them as JSON on stdout.
 * The regex audit (test/unit/regex.test.ts) analyses them with the literals it reads from the code.
 */

interface Recorded {
  source: string;
  flags: string;
  /** `server/src/…/file.ts:line` of the call that built it. */
  site: string;
}

const recorded: Recorded[] = [];
const NativeRegExp = RegExp;

/** The caller's `server/src/…:line`, or '' when the caller is a library (fuse.js, OpenCC, mammoth). */
function siteOf(stack: string | undefined): string {
  const caller = (stack ?? '')
    .split('\n')
    .slice(1)
    .find((line) => !line.includes('recordRegExps') && !line.includes('construct (') && !line.includes('apply ('));
  const m = /(server\/src\/[^:)]+\.ts):(\d+):\d+/.exec((caller ?? '').replace(/\\/g, '/'));
  return m ? `${m[1]}:${m[2]}` : '';
}

function record(re: RegExp): RegExp {
  const site = siteOf(new Error().stack);
  if (site) recorded.push({ source: re.source, flags: re.flags, site });
  return re;
}

// Both `new RegExp(…)` and `RegExp(…)`; literals never reach the constructor (they are read from the code).
(globalThis as { RegExp: RegExpConstructor }).RegExp = new Proxy(NativeRegExp, {
  construct: (target, args) => record(Reflect.construct(target, args) as RegExp),
  apply: (target, _this, args) => record(Reflect.apply(target, undefined, args) as RegExp),
});

async function session(): Promise<void> {
  const { readFileSync, readdirSync } = await import('fs');
  const { join } = await import('path');
  const { TextDocument } = await import('vscode-languageserver-textdocument');
  const { createLanguageService } = await import('../../server/src/service/languageService');
  const { createFsHost } = await import('../../server/src/node/fsHost');
  const { adaptToLevel } = await import('../../server/src/service/corpus/adapt');
  const root = join(__dirname, '..', '..');
  const service = createLanguageService({ language: 'zh-cn', host: createFsHost(root, [root]) });
  await service.corpus.load([]);
  const { settings } = service.readSettings({ leadUnits: { check: 'always' } });
  const seeds = readdirSync(join(root, 'corpus', 'seeds')).filter((f) => f.endsWith('.txt'));
  let version = 0;
  for (const seed of seeds) {
    const text = readFileSync(join(root, 'corpus', 'seeds', seed), 'utf8');
    const document = TextDocument.create(`file:///seed/${seed}`, 'fangan', ++version, text);
    const diagnostics = service.computeDiagnostics(document, settings);
    service.getDocumentSymbols(document);
    service.getFoldingRanges(document);
    service.getCodeActions(document, settings, { diagnostics, only: undefined });
    const lines = text.split('\n');
    for (let line = 0; line < lines.length; line += 7) {
      const position = { line, character: Math.min(lines[line].length, 6) };
      service.getHover(document, settings, position);
      service.getCompletions(document, settings, position);
      const colon = lines[line].search(/[：:]/);
      if (colon >= 0) service.getCompletions(document, settings, { line, character: colon + 1 });
    }
    service.corpus.search(lines.find((l) => l.length > 20) ?? '宪法', { document, line: 0 });
  }
  const prefixes = ['省', '自治区', '市', '州', '县', '区', '旗', null];
  for (const from of prefixes) {
    for (const to of prefixes) adaptToLevel('省委宣传部、省司法厅、全省、省政府办公厅、团省委、依法治省办', { levelPrefix: from, region: null }, { levelPrefix: to, region: null });
  }
}

session()
  .then(() => process.stdout.write(JSON.stringify(recorded)))
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
