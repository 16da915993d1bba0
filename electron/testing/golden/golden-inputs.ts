// The inputs whose engine outputs are golden (issue 13): every corpus plan and manifest file,
// one change set each, and the generated bench inputs (build/bench/generate-inputs.mjs).
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { corpusDir, repoRoot } from '../../core/testing/corpus';

export interface CorpusInput {
  /** `terraform/<file>` or `kubernetes/<file>`: also the golden report's path in corpus/. */
  readonly name: string;
  readonly path: string;
}

export function corpusInputs(): CorpusInput[] {
  return ['terraform', 'kubernetes'].flatMap((kind) =>
    readdirSync(join(corpusDir, kind)).sort().map((f) => ({ name: `${kind}/${f}`, path: join(corpusDir, kind, f) })));
}

type Generate = (corpus: string) => string;
interface Generators {
  readonly corpusDir: (root: string) => string;
  readonly generateTerraformPlan: Generate;
  readonly generateKubernetesRelease: Generate;
  readonly generateKubernetesObjects: Generate;
}

export interface BenchInput {
  /** The file name `npm run bench` gives it in .bench-data/. */
  readonly file: string;
  /** The function of build/bench/generate-inputs.mjs that writes it (deterministic: no seed). */
  readonly generator: keyof Omit<Generators, 'corpusDir'>;
}

export const BENCH_INPUTS: readonly BenchInput[] = [
  { file: 'large-plan.json', generator: 'generateTerraformPlan' },
  { file: 'large-release.yaml', generator: 'generateKubernetesRelease' },
  { file: 'large-release-10k.yaml', generator: 'generateKubernetesObjects' },
];

/** The bench input's text, generated from the corpus with the generator's default size. */
export async function generateBenchInput(input: BenchInput): Promise<string> {
  const url = pathToFileURL(join(repoRoot, 'build', 'bench', 'generate-inputs.mjs')).href;
  const g = (await import(url)) as Generators;
  return g[input.generator](g.corpusDir(repoRoot));
}

/** Writes `text` as `file` into a fresh folder, hands its path (and folder) to `use`, then removes it. */
export function withGeneratedFile<T>(file: string, text: string, use: (path: string, dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'countersign-golden-'));
  const path = join(dir, file);
  writeFileSync(path, text);
  return use(path, dir).finally(() => rmSync(dir, { recursive: true, force: true }));
}
