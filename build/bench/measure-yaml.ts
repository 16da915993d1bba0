/**
 * Prints how fast Kubernetes manifests load with positions (a measurement, not a test).
 *   npx tsx build/bench/measure-yaml.ts
 * Inputs: the corpus' argocd install.yaml (1.94 MB) and a generated ~20 MB release made of the
 * argocd and ingress-nginx documents repeated with renamed objects.
 */
import { CORE_SCHEMA, EVENT_ID, constructFromEvents, mergeTag, parseEvents } from 'js-yaml';
import { constructDocuments } from '../../electron/core/loaders/kubernetes/construct-documents';
import { parseAllDocuments } from 'yaml';
import { readCorpus } from '../../electron/core/testing/corpus';
import { extractImages } from '../../electron/core/loaders/images/index';
import { loadKubernetesManifests } from '../../electron/core/loaders/kubernetes/index';

const MB = 1024 * 1024;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

interface Timing {
  readonly wallMs: number;
  /** Process CPU time: less disturbed than wall time when other work shares the 2 cores. */
  readonly cpuMs: number;
}

/** Median wall and CPU time of `runs` calls after one warm-up call. */
function time(runs: number, fn: () => unknown): Timing {
  fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    fn();
    wall.push(performance.now() - start);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wallMs: median(wall), cpuMs: median(cpu) };
}

function row(label: string, bytes: number, t: Timing): void {
  const rate = (ms: number) => (bytes / MB / (ms / 1000)).toFixed(1).padStart(6);
  console.log(`  ${label.padEnd(52)} ${t.wallMs.toFixed(0).padStart(6)} ms ${rate(t.wallMs)} MB/s wall | ${t.cpuMs.toFixed(0).padStart(6)} ms ${rate(t.cpuMs)} MB/s cpu`);
}

/** Renames each document's metadata.name so repeated copies stay distinct objects. */
function renamedCopy(text: string, suffix: string): string {
  return text.replace(/^(metadata:[ \t]*\n(?:(?:[ \t]+.*)?\n)*?  name: )(.+)$/gm, `$1$2-${suffix}`);
}

function measure(label: string, name: string, text: string, runs: number, compareWithYamlPackage: boolean): void {
  const bytes = Buffer.byteLength(text);
  console.log(`\n${label}: ${(bytes / MB).toFixed(2)} MB (median of ${runs} runs after a warm-up)`);
  const schema = CORE_SCHEMA.withTags(mergeTag);
  let resources = loadKubernetesManifests(name, text);
  console.log(`  ${resources.length} objects`);
  row('js-yaml parseEvents (syntax + offsets only)', bytes, time(runs, () => parseEvents(text, { maxDepth: 256 })));
  row('js-yaml parseEvents + constructFromEvents (YAML 1.2)', bytes, time(runs, () => {
    constructFromEvents(parseEvents(text, { maxDepth: 256 }), { source: text, schema });
  }));
  row('parseEvents + constructDocuments (as kubectl reads)', bytes, time(runs, () => {
    constructDocuments(text, parseEvents(text, { maxDepth: 256 }), { maxAliasesPerDocument: 10_000, maxMergedKeys: 100_000 });
  }));
  row('loadKubernetesManifests (values + positions + checks)', bytes, time(runs, () => {
    resources = loadKubernetesManifests(name, text);
  }));
  row('  + locate the object and every container image', bytes, time(runs, () => {
    for (const r of loadKubernetesManifests(name, text)) {
      void r.location.line;
      extractImages([r]);
    }
  }));
  row('  + extractImages over the whole release', bytes, time(runs, () => extractImages(loadKubernetesManifests(name, text))));
  if (compareWithYamlPackage) {
    row('for comparison: yaml parseAllDocuments + toJS', bytes, time(runs, () => {
      for (const doc of parseAllDocuments(text)) doc.toJS();
    }));
  }

  // The position table stores 13 bytes per node (POP/DOCUMENT events take no slot), plus 4 per line.
  const events = parseEvents(text, { maxDepth: 256 });
  const nodes = events.filter((e) => e.type !== EVENT_ID.POP && e.type !== EVENT_ID.DOCUMENT).length;
  const lines = text.split('\n').length;
  console.log(`  position data: ${nodes} nodes × 13 B + ${lines} lines × 4 B = ${((nodes * 13 + lines * 4) / MB).toFixed(1)} MB`);
}

const argocd = readCorpus('kubernetes', 'argocd-install-large.yaml');
const nginx = readCorpus('kubernetes', 'helm-template-ingress-nginx-4.0.15-cloud.yaml');
measure('argocd install.yaml (corpus)', 'argocd-install-large.yaml', argocd, 9, true);

const copies: string[] = [];
let size = 0;
for (let i = 0; size < 20 * MB; i++) {
  const copy = `${renamedCopy(argocd, `c${i}`)}\n---\n${renamedCopy(nginx, `c${i}`)}\n---\n`;
  copies.push(copy);
  size += copy.length;
}
measure(`generated release (${copies.length} × argocd + ingress-nginx, renamed)`, 'release.yaml', copies.join(''), 3, false);
