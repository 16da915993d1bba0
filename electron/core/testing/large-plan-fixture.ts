import { after, before } from 'node:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpusDir, repoRoot } from './corpus';

interface Generator { generateTerraformPlan(corpus: string, resources: number): string }

/** A plan over the parallel-loading threshold, made of the corpus' real resources (as the benchmark's), and a temp folder to write files in. */
export interface LargePlanFixture {
  readonly planText: () => string;
  readonly write: (name: string, text: string) => string;
}

/** Registers before/after hooks in the calling test file: the plan is generated once, the folder removed at the end. */
export function largePlanFixture(prefix: string, resources = 2500): LargePlanFixture {
  let dir = '';
  let planText = '';
  before(async () => {
    const { generateTerraformPlan } = (await import(join(repoRoot, 'build', 'bench', 'generate-inputs.mjs'))) as Generator;
    planText = generateTerraformPlan(corpusDir, resources);
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  return {
    planText: () => planText,
    write: (name, text) => {
      const file = join(dir, name);
      writeFileSync(file, text);
      return file;
    },
  };
}
