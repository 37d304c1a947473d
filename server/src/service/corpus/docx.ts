import { readDocx } from '../text/docx';
import { DocxRefused } from '../text/docx/refused';
import { zipDirectoryProblem, type ZipLimits } from '../text/docx/zip';

/**
 * The text of a Word (.docx) plan in the corpus: the same reader as the CLI and the import command
 * (text/docx/), so corpus plans from Word keep their automatic numbers. A file it refuses throws
 * `DocxRefused`, and the store reports it once.
 */

export { DocxRefused, zipDirectoryProblem, type ZipLimits };

export async function docxText(bytes: Uint8Array, limits?: Partial<ZipLimits>): Promise<string> {
  return (await readDocx(bytes, { limits })).text;
}
