#!/usr/bin/env node
// Word out, checked by a word processor: the example plan and its 任务分工表 exported with the
// built CLI, converted to PDF by LibreOffice (headless), then read back with poppler:
//   - page size: A4 portrait for the plan, A4 landscape for the table;
//   - page count: the plan's, within one page of what 22 lines of 28 characters predict;
//   - text: the title and every marker of the plan, in order; the table's caption and every 序号.
// It renders the first page of each as a JPG (pdftoppm -jpeg -r 60) into artifacts/e2e/word/;
// `--images` also copies them to docs/images/ for the README.
//
//   node test/e2e/wordExport.js [--images]     (after npm run build; also a stage of npm run test:e2e)
//
// Tools: Debian libreoffice-writer-nogui, poppler-utils and fonts-noto-cjk (fonts-arphic-ukai for
// 楷体 when it can be had), installed with apt-get when missing and running as root; otherwise the
// stage is skipped with a message saying what to install. Fonts: the 公文 fonts are Windows fonts;
// a private fontconfig file maps 仿宋/宋体/方正小标宋 to Noto Serif CJK, 黑体 to Noto Sans CJK and
// 楷体 to AR PL UKai, so the rendering shows the typefaces' roles.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const ROOT = path.join(__dirname, '..', '..');
const APT = ['libreoffice-writer-nogui', 'poppler-utils', 'fonts-noto-cjk'];
const APT_OPTIONAL = ['fonts-arphic-ukai'];


function log(message) {
  process.stdout.write(`[word-export] ${message}\n`);
}

function have(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).status === 0;
}

function installed(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && /install ok installed/.test(r.stdout);
}

function aptInstall(packages) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  let r = spawnSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: 'inherit', env });
  if (r.status !== 0) {
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    r = spawnSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: 'inherit', env });
  }
  return r.status === 0;
}

/** The tools, installed when missing and possible; null when ready, else why the stage is skipped. */
function ensureTools() {
  const debian = have('dpkg-query') && have('apt-get');
  const commands = () => (have('soffice') || have('libreoffice')) && have('pdftotext') && have('pdfinfo') && have('pdftoppm');
  const missing = () => (debian ? APT.filter((p) => !installed(p)) : []);
  const root = typeof process.getuid !== 'function' || process.getuid() === 0;
  if (!(commands() && missing().length === 0)) {
    if (!debian) return commands() ? null : 'LibreOffice and poppler-utils are missing, and there is no apt-get here to install them';
    if (!root) return `missing ${missing().join(', ')}; not root, so cannot install them (as root: apt-get install -y ${missing().join(' ')})`;
    log(`installing ${missing().join(', ')} with apt-get`);
    aptInstall(missing());
    if (!(commands() && missing().length === 0)) return `apt-get could not install ${missing().join(', ')}`;
  }
  // 楷体 for the level-two headings of the rendering: nice to have, never a reason to skip.
  const optional = debian && root ? APT_OPTIONAL.filter((p) => !installed(p)) : [];
  if (optional.length && !aptInstall(optional)) log(`could not install ${optional.join(', ')}; rendering without it`);
  return null;
}

function run(command, args, options = {}) {
  const r = spawnSync(command, args, { encoding: options.encoding === null ? undefined : 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  if (r.error) throw new Error(`${command}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${r.status}: ${(r.stderr || '').toString().slice(-2000)}`);
  return r;
}

const FONT_MAP = [
  ['仿宋_GB2312', 'Noto Serif CJK SC', null],
  ['宋体', 'Noto Serif CJK SC', null],
  ['方正小标宋简体', 'Noto Serif CJK SC', 'bold'],
  ['黑体', 'Noto Sans CJK SC', null],
  ['楷体_GB2312', 'AR PL UKai CN', null],
];

function fontconfig(dir) {
  const matches = FONT_MAP.map(
    ([family, to, weight]) =>
      `  <match target="pattern"><test name="family"><string>${family}</string></test>` +
      `<edit name="family" mode="assign" binding="strong"><string>${to}</string></edit>` +
      (weight ? `<edit name="weight" mode="assign"><const>${weight}</const></edit>` : '') +
      '</match>',
  );
  const file = path.join(dir, 'fonts.conf');
  fs.writeFileSync(
    file,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n${matches.join('\n')}\n</fontconfig>\n`,
  );
  return file;
}

function pdfInfo(pdf) {
  const out = run('pdfinfo', [pdf]).stdout;
  const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(out);
  return { pages: Number(/Pages:\s+(\d+)/.exec(out)[1]), width: Number(size[1]), height: Number(size[2]) };
}

/** The PDF's text without any whitespace (pdftotext breaks CJK lines and spaces digits). */
function pdfText(pdf, page) {
  const pages = page ? ['-f', String(page), '-l', String(page)] : [];
  return run('pdftotext', ['-enc', 'UTF-8', ...pages, pdf, '-']).stdout.replace(/\s+/g, '');
}

/** The text lines of a page with their boxes (pt, from the top left), page numbers left out. */
function pageLines(pdf, page) {
  const xml = run('pdftotext', ['-f', String(page), '-l', String(page), '-bbox-layout', pdf, '-']).stdout;
  const out = [];
  for (const m of xml.matchAll(/<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([\s\S]*?)<\/line>/g)) {
    const text = [...m[5].matchAll(/>([^<]*)<\/word>/g)].map((w) => w[1]).join('');
    if (/^—\d+—$/.test(text)) continue;
    out.push({ xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]), text });
  }
  return out;
}

const PT_PER_MM = 72 / 25.4;
const HANGING = /[。，、；：！？”’）》]$/;

/**
 * The type area as the PDF shows it: the pitch between lines (28.95 pt), so that 22 lines fit
 * between the 37 mm top and the 35 mm bottom margin; no line wider than 28 characters, and full
 * lines of exactly 28; every line inside the type area.
 */
function typeAreaProblems(pdf, pages) {
  const problems = [];
  const top = 37 * PT_PER_MM;
  const bottom = (297 - 35) * PT_PER_MM;
  const deltas = [];
  let widest = 0;
  for (let page = 1; page <= pages; page++) {
    const lines = pageLines(pdf, page);
    for (let i = 1; i < lines.length; i++) deltas.push(lines[i].yMin - lines[i - 1].yMin);
    for (const line of lines) {
      // Closing punctuation may hang into the margin (Word's and LibreOffice's Chinese default).
      const hangs = HANGING.test(line.text);
      const right = (210 - 26) * PT_PER_MM + 1 + (hangs ? 16 : 0);
      if (line.yMin < top - 1 || line.yMax > bottom + 1) problems.push(`plan page ${page}: “${line.text.slice(0, 12)}” lies outside the type area`);
      if (line.xMin < 28 * PT_PER_MM - 1 || line.xMax > right) problems.push(`plan page ${page}: “${line.text.slice(0, 12)}” lies outside the margins`);
      // a first line carries its two-character indent
      const width = emWidth(hangs ? line.text.slice(0, -1) : line.text) + Math.round((line.xMin - 28 * PT_PER_MM) / 15.8);
      widest = Math.max(widest, width);
      if (width > 28.01) problems.push(`plan page ${page}: a line of ${width} characters: “${line.text}”`);
    }
  }
  const pitch = deltas.filter((d) => d > 0).sort((a, b) => a - b)[Math.floor(deltas.length / 2)];
  if (!(Math.abs(pitch - 28.95) < 0.3)) problems.push(`plan: line pitch ${pitch} pt, not 28.95`);
  if (Math.floor((bottom - top) / pitch) !== 22) problems.push(`plan: ${Math.floor((bottom - top) / pitch)} lines fit a page, not 22`);
  if (widest !== 28) problems.push(`plan: the widest line holds ${widest} characters, not 28`);
  return { problems, pitch, widest };
}

/** Each string in order in the text; the first one missing, or null. */
function firstMissingInOrder(text, strings) {
  let at = 0;
  for (const s of strings) {
    const compact = s.replace(/\s+/g, '');
    const i = text.indexOf(compact, at);
    if (i < 0) return s;
    at = i + compact.length;
  }
  return null;
}

function emWidth(text) {
  let w = 0;
  for (const ch of text) w += ch.charCodeAt(0) < 0x2e80 && ch !== '—' ? 0.5 : 1;
  return w;
}

/**
 * Pages the plan takes at 22 lines of 28 characters: each body paragraph its characters plus the
 * two of its indent, the title lines (the first line and bracketed continuations) 20 characters of
 * 二号 a line, and the empty line under the title. Word processors break lines a little
 * differently (punctuation that may not start a line), hence the one-page tolerance.
 */
function predictedPages(planText) {
  const lines = planText.split(/\r\n|\r|\n/).map((l) => l.trim()).filter(Boolean);
  let count = 1;
  let inTitle = true;
  lines.forEach((line, i) => {
    inTitle = inTitle && (i === 0 || /^[（(][^（()）]*[）)]$/.test(line));
    count += inTitle ? Math.ceil(emWidth(line) / 20) : Math.ceil((emWidth(line) + 2) / 28);
  });
  return count / 22;
}

async function runWordExport({ images = false } = {}) {
  const t0 = Date.now();
  const cli = path.join(ROOT, 'server', 'out', 'cli.js');
  if (!fs.existsSync(cli)) throw new Error('build first: npm run build');
  const skip = ensureTools();
  if (skip) {
    log(`SKIPPED: ${skip}`);
    return { ok: true, skipped: skip };
  }
  const soffice = have('soffice') ? 'soffice' : 'libreoffice';
  const example = path.join(ROOT, 'examples', fs.readdirSync(path.join(ROOT, 'examples')).find((f) => f.endsWith('.txt')));
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'fangan-word-'));
  const artifacts = path.join(ROOT, 'artifacts', 'e2e', 'word');
  fs.mkdirSync(artifacts, { recursive: true });
  const problems = [];
  try {
    const fangan = (...args) => run(process.execPath, [path.join(ROOT, 'bin', 'fangan'), ...args]);
    fangan('export', '--format', 'docx', example, '-o', path.join(work, 'plan.docx'));
    fangan('export', '--table', '--format', 'docx', example, '-o', path.join(work, 'table.docx'));
    const outline = JSON.parse(fangan('outline', '--format', 'json', example).stdout);
    const table = JSON.parse(fangan('export', '--table', '--format', 'json', example, '-o', '-').stdout);

    // A private profile: no first-start wizard, no lock shared with a LibreOffice the user runs.
    const profile = `file://${path.join(work, 'profile')}`;
    const t1 = Date.now();
    run(soffice, [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', work, path.join(work, 'plan.docx'), path.join(work, 'table.docx')], {
      env: { ...process.env, FONTCONFIG_FILE: fontconfig(work), HOME: work },
      timeout: 180000,
    });
    log(`LibreOffice converted both in ${((Date.now() - t1) / 1000).toFixed(1)} s`);

    const markers = [];
    const walk = (nodes) => nodes.forEach((n) => (n.marker && markers.push(n.marker), walk(n.children)));
    outline.plans.forEach((p) => walk(p.nodes));
    const title = outline.plans[0].title;

    const plan = pdfInfo(path.join(work, 'plan.pdf'));
    if (!(Math.abs(plan.width - 595.3) < 2 && Math.abs(plan.height - 841.9) < 2)) problems.push(`plan: page ${plan.width} x ${plan.height} pt is not A4 portrait`);
    const planText = fs.readFileSync(example, 'utf8');
    const predicted = predictedPages(planText);
    if (Math.abs(plan.pages - predicted) > 1) problems.push(`plan: ${plan.pages} pages, 22 lines of 28 characters predict ${predicted.toFixed(1)}`);
    const planPdfText = pdfText(path.join(work, 'plan.pdf'));
    const missingPlan = firstMissingInOrder(planPdfText, [title.replace(/（征求意见稿）$/, ''), ...markers]);
    if (missingPlan !== null) problems.push(`plan: “${missingPlan}” is not in the PDF's text (in order)`);
    const area = typeAreaProblems(path.join(work, 'plan.pdf'), plan.pages);
    problems.push(...area.problems);
    log(`plan: A4 ${plan.width} x ${plan.height} pt, ${plan.pages} pages (predicted ${predicted.toFixed(1)}), lines ${area.pitch.toFixed(2)} pt apart, at most ${area.widest} characters, title and ${markers.length} markers in order`);

    const tablePdf = pdfInfo(path.join(work, 'table.pdf'));
    if (!(Math.abs(tablePdf.width - 841.9) < 2 && Math.abs(tablePdf.height - 595.3) < 2)) problems.push(`table: page ${tablePdf.width} x ${tablePdf.height} pt is not A4 landscape`);
    const rows = table.plans.flatMap((p) => p.groups.flatMap((g) => g.rows));
    if (tablePdf.pages < 1 || tablePdf.pages > rows.length) problems.push(`table: ${tablePdf.pages} pages for ${rows.length} rows`);
    const tableText = pdfText(path.join(work, 'table.pdf'));
    const missingRow = firstMissingInOrder(tableText, [table.plans[0].caption, ...rows.map((r) => r.path)]);
    if (missingRow !== null) problems.push(`table: “${missingRow}” is not in the PDF's text (in order)`);
    for (let page = 1; page <= tablePdf.pages; page++) {
      const text = pdfText(path.join(work, 'table.pdf'), page);
      const missing = ['序号', '任务措施', '具体内容', '牵头单位', '配合单位', '完成时限'].filter((h) => !text.includes(h));
      if (missing.length) problems.push(`table: page ${page} has no ${missing.join(', ')} (the header row repeats on every page)`);
    }
    log(`table: A4 ${tablePdf.width} x ${tablePdf.height} pt, ${tablePdf.pages} pages, caption, ${rows.length} 序号 and a header on every page`);

    for (const [name, pdf] of [['word-export-plan', 'plan.pdf'], ['word-export-table', 'table.pdf']]) {
      run('pdftoppm', ['-jpeg', '-jpegopt', 'quality=85', '-r', '60', '-f', '1', '-l', '1', '-singlefile', path.join(work, pdf), path.join(artifacts, name)]);
      fs.copyFileSync(path.join(work, pdf), path.join(artifacts, pdf));
      const jpg = path.join(artifacts, `${name}.jpg`);
      if (images) {
        fs.copyFileSync(jpg, path.join(ROOT, 'docs', 'images', `${name}.jpg`));
        log(`docs/images/${name}.jpg (${Math.round(fs.statSync(jpg).size / 1024)} KB)`);
      }
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  for (const p of problems) console.error(`[word-export] FAIL ${p}`);
  log(`${problems.length ? 'failed' : 'passed'} in ${((Date.now() - t0) / 1000).toFixed(1)} s; PDFs and first pages in ${path.relative(ROOT, artifacts)}/`);
  return { ok: problems.length === 0 };
}

module.exports = { runWordExport };

if (require.main === module) {
  runWordExport({ images: process.argv.includes('--images') }).then(
    (r) => process.exit(r.ok ? 0 : 1),
    (error) => {
      console.error(`[word-export] ${(error && error.stack) || error}`);
      process.exit(1);
    },
  );
}
