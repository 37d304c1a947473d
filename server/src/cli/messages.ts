import { localeOf, type Locale, type Localized } from '../service';

/**
 * What the CLI says besides findings, in Chinese or English: `--lang zh|en` when given (also before
 * the arguments are parsed, so usage errors follow it), otherwise the system locale (LC_ALL,
 * LC_MESSAGES, LANG).
 */

export function cliLocale(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Locale {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = a === '--lang' ? argv[i + 1] : a.startsWith('--lang=') ? a.slice('--lang='.length) : undefined;
    if (value === 'zh' || value === 'en') return value;
  }
  return localeOf(env.LC_ALL || env.LC_MESSAGES || env.LANG);
}

export const USAGE: Localized = {
  en: `Usage:
  fangan check [--format text|json|sarif] [--lang zh|en] [--fix | --fix-dry-run] FILE...
  fangan outline --format json [--source FILE]... FILE
  fangan search "QUERY" [--limit N] [--format text|json] [--corpus FOLDER]...
  fangan export --format docx FILE [-o OUT]
  fangan export --table --format xlsx|docx|csv|json FILE [-o OUT] [--by-unit]
  fangan coverage [--source FILE]... [--format text|json|csv] [--lang zh|en] DRAFT...
  fangan --version | --help

check    checks plan files (.txt/.md, and Word .docx with its automatic numbers); exit 0 when no error-severity
         findings, 1 when there are, 2 on usage errors; the current directory's .fangan/ (config.json,
         templates, units.json) applies; --fix makes every fix that needs no choice (numbers, colons, brackets,
         truncated names, one spelling per unit) in place, keeping the file's encoding, BOM and line endings,
         and reports what is left (a .docx is never rewritten); --fix-dry-run prints those changes as a unified diff
outline  prints the plan model (title, kind, level, headings, measures, responsibility notes) as JSON; FILE may be
         a .docx; with --source, each measure lists the measures of the plan above it implements
search   finds wording in the corpus (the bundled plans, plus --corpus folders of .txt/.md/.docx plans);
         score is 0…1, higher is better
export   writes the plan as a .docx in the official-document layout (GB/T 9704), or with --table its
         任务分工表 (one row per measure; --by-unit: per unit, the measures it leads and supports);
         OUT defaults to FILE's name beside it (X.docx, X.任务分工表.xlsx) and an existing file is never
         replaced unless -o names it; -o - writes to standard output; exit 1 when it cannot read or write
coverage which measures of the plan above (--source FILE; without it, the corpus plans the draft cites)
         each draft carries over: covered, partial, and the missing ones; exit 0, 2 on usage errors`,
  zh: `用法：
  fangan check [--format text|json|sarif] [--lang zh|en] [--fix | --fix-dry-run] 文件...
  fangan outline --format json [--source 文件]... 文件
  fangan search "查询内容" [--limit N] [--format text|json] [--corpus 文件夹]...
  fangan export --format docx 文件 [-o 输出文件]
  fangan export --table --format xlsx|docx|csv|json 文件 [-o 输出文件] [--by-unit]
  fangan coverage [--source 文件]... [--format text|json|csv] [--lang zh|en] 草稿...
  fangan --version | --help

check    检查方案文件（.txt/.md，以及带自动编号的 Word .docx 文档）；没有“错误”级别的问题时退出码为 0，有则为 1，
         用法错误为 2；当前目录下的 .fangan/（config.json、templates、units.json）同样适用；
         --fix 就地修复所有不需要判断的问题（编号、冒号、括号、被截断的单位名称、同一单位的不同写法），
         保留文件原来的编码、BOM 和换行符，并报告余下的问题（不改写 .docx）；--fix-dry-run 只以统一差异格式输出这些修改
outline  以 JSON 输出方案结构（标题、类型、级别、各级标题、措施、牵头单位等）；文件也可以是 .docx；
         加 --source 时，每项措施列出它所对应的上级方案措施
search   在素材库中查找表述（内置的真实方案，以及 --corpus 指定的 .txt/.md/.docx 方案文件夹）；
         score 在 0 到 1 之间，越大越相近
export   将方案导出为公文格式（GB/T 9704）的 Word 文档；加 --table 导出任务分工表（每项措施一行；
         --by-unit 按单位列出其牵头和配合的措施）；默认输出到原文件旁（X.docx、X.任务分工表.xlsx），
         已有的文件不会被覆盖，除非用 -o 指定；-o - 输出到标准输出；无法读取或写入时退出码为 1
coverage 核对草稿对上级方案（--source 指定的文件；不指定时为草稿序言所引用的素材库方案）
         各项措施的覆盖情况：已覆盖、部分覆盖和缺少的措施；退出码为 0，用法错误为 2`,
};

/** Usage errors, each in both languages. */
export const usageErrors = {
  unknownCommand: (command: string): Localized => ({ en: `unknown command "${command}"`, zh: `没有“${command}”这个命令` }),
  badArguments: (detail: string): Localized => ({ en: detail, zh: `参数有误：${detail}` }),
  lang: (value: string): Localized => ({ en: `--lang must be zh or en, not "${value}"`, zh: `--lang 只能是 zh 或 en，不能是“${value}”` }),
  format: (choices: readonly string[], value: string): Localized => ({
    en: `--format must be ${choices.slice(0, -1).join(', ')} or ${choices[choices.length - 1]}, not "${value}"`,
    zh: `--format 只能是 ${choices.join('、')}，不能是“${value}”`,
  }),
  outlineFormat: (value: string): Localized => ({ en: `outline supports --format json only, not "${value}"`, zh: `outline 只支持 --format json，不能是“${value}”` }),
  checkFiles: { en: 'check needs at least one FILE', zh: 'check 需要至少一个文件' } as Localized,
  outlineFile: { en: 'outline needs exactly one FILE', zh: 'outline 需要且只需要一个文件' } as Localized,
  coverageFiles: { en: 'coverage needs at least one DRAFT', zh: 'coverage 需要至少一个草稿文件' } as Localized,
  limit: (value: string): Localized => ({ en: `--limit must be a whole number from 1 to 1000, not "${value}"`, zh: `--limit 应为 1 到 1000 之间的整数，不能是“${value}”` }),
  query: { en: 'search needs exactly one QUERY', zh: 'search 需要且只需要一个查询内容' } as Localized,
  corpusMissing: (folder: string): Localized => ({ en: `--corpus: "${folder}" does not exist`, zh: `--corpus：“${folder}”不存在` }),
  corpusNotFolder: (folder: string): Localized => ({ en: `--corpus: "${folder}" is not a folder`, zh: `--corpus：“${folder}”不是文件夹` }),
};

export const INTERNAL_ERROR: Localized = { en: 'internal error', zh: '内部错误' };

/** Why a file could not be read (the reader's English reason), in the user's language. */
export function readReason(reason: string, locale: Locale): string {
  if (locale === 'en') return reason;
  const known: Array<[RegExp, (m: RegExpExecArray) => string]> = [
    [/^no such file$/, () => '文件不存在'],
    [/^is a directory$/, () => '这是一个文件夹'],
    [/^not a regular file \(a character device\)$/, () => '不是普通文件（字符设备）'],
    [/^not a regular file \(a block device\)$/, () => '不是普通文件（块设备）'],
    [/^not a regular file \(a FIFO, a named pipe\)$/, () => '不是普通文件（命名管道）'],
    [/^not a regular file \(a socket\)$/, () => '不是普通文件（套接字）'],
    [/^not a regular file$/, () => '不是普通文件'],
    [/^binary file, not plan text$/, () => '这是二进制文件，不是方案文本'],
    [/^not UTF-8, UTF-16 or GB18030 text$/, () => '不是 UTF-8、UTF-16 或 GB18030 编码的文本'],
    [/^larger than (\d+) bytes$/, (m) => `文件超过 ${m[1]} 字节`],
    [/^EACCES$/, () => '没有读取权限'],
  ];
  for (const [pattern, say] of known) {
    const m = pattern.exec(reason);
    if (m) return say(m);
  }
  return reason;
}
