import { readFileSync } from 'fs';
import { join } from 'path';
import { matchMarker } from '../../server/src/service/model/markers';
import { readDocx } from '../../server/src/service/text/docx';
import { abstractNum, lvl, num, p, PLAN_LEVELS, wordPackage } from '../helpers/wordPackage';
import { timeAsync, type Timing } from './stats';

/**
 * Reading Word files (text/docx/): a real plan as Word numbers it, a numbering part at its bounds,
 * and a document.xml at the 8 MB part cap. `npm run bench` rows `read .docx: …`.
 */

const ROOT = join(__dirname, '..', '..');
const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Seed 002 with every marker turned into Word's automatic numbering at its level. */
async function seedAsWord(): Promise<Buffer> {
  const text = readFileSync(join(ROOT, 'corpus', 'seeds', '002_6165ec8d7c1e9a5d.txt'), 'utf8');
  const body = text.split('\n').map((raw) => {
    const line = raw.trimStart();
    const marker = matchMarker(line);
    return marker ? p(escape(line.slice(marker.contentStart)), { numId: 1, level: marker.rank - 1 }) : p(escape(line));
  });
  return wordPackage({ body: body.join(''), numbering: abstractNum(0, PLAN_LEVELS) + num(1, 0) });
}

/** One definition of 1 000 levels and 1 000 more definitions. */
async function manyLevels(): Promise<Buffer> {
  const levels = Array.from({ length: 1000 }, (_, i) => lvl(i, 'decimal', `%${Math.min(i + 1, 9)}.`)).join('');
  const numbering = abstractNum(0, levels) + Array.from({ length: 1000 }, (_, i) => abstractNum(i + 1, PLAN_LEVELS) + num(i + 1, i + 1)).join('') + num(5000, 0);
  return wordPackage({ body: p('甲', { numId: 5000, level: 0 }), numbering });
}

/** 14 000 numbered paragraphs with Word's usual run properties: a document.xml of ~7.7 MB. */
async function nearPartCap(): Promise<Buffer> {
  const font = '<w:rFonts w:ascii="仿宋_GB2312" w:eastAsia="仿宋_GB2312" w:hint="eastAsia"/><w:sz w:val="32"/>';
  const body = Array.from(
    { length: 14000 },
    (_, i) =>
      `<w:p w:rsidR="00A1B2C3" w:rsidRDefault="00D4E5F6"><w:pPr><w:numPr><w:ilvl w:val="${i % 3}"/><w:numId w:val="1"/></w:numPr><w:spacing w:line="560" w:lineRule="exact"/><w:ind w:firstLineChars="200" w:firstLine="640"/><w:rPr>${font}</w:rPr></w:pPr><w:r><w:rPr>${font}</w:rPr><w:t>第${i}段的文字，用来测量读取大文件的时间。</w:t></w:r></w:p>`,
  );
  return wordPackage({ body: body.join(''), numbering: abstractNum(0, PLAN_LEVELS) + num(1, 0) });
}

export async function benchDocx(rows: Record<string, Timing>): Promise<void> {
  const inputs: Array<[string, Buffer, number]> = [
    ['read .docx: seed 002 numbered by Word', await seedAsWord(), 20],
    ['read .docx: 1 000 levels + 1 000 definitions', await manyLevels(), 10],
    ['read .docx: 7.7 MB document.xml, 14 000 paragraphs', await nearPartCap(), 5],
  ];
  for (const [name, bytes, runs] of inputs) rows[name] = await timeAsync(async () => void (await readDocx(bytes)), runs, 1);
}
