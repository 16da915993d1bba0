import { evaluationDigest } from '../hashing/canonical-digest';
import type { Evaluation } from '../model/finding';
import type { EvaluationRef } from './sign';

/** What an approval records about the evaluation the reviewer saw. */
export function evaluationRef(e: Evaluation): EvaluationRef {
  return { digest: evaluationDigest(e), verdict: e.verdict, engineVersion: e.engineVersion, at: e.at };
}
