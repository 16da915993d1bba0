/** The source lines around a finding, its line highlighted, in a read-only Monaco editor. */
import type { FindingDto } from '../../../electron/shared/api-types';
import { ErrorBox } from '../components/ErrorBox';
import { SourceExcerptEditor } from '../monaco/lazy-editors';
import { useSourceExcerpt } from './review-queries';

export function FindingSource(props: { readonly digest: string; readonly finding: FindingDto }) {
  const { file, line, column, origin } = props.finding.location;
  const excerpt = useSourceExcerpt(props.digest, file, line, column, props.finding.explanation?.field ?? undefined);
  const where = `${file}:${line}${origin ? ` (from ${origin})` : ''}`;
  if (excerpt.isPending) return <p className="hint">Loading {where}…</p>;
  if (excerpt.isError) {
    return <ErrorBox title={`Cannot show the source at ${where}`} error={excerpt.error} onRetry={() => void excerpt.refetch()} />;
  }
  const ex = excerpt.data;
  // A rendered plan model has its own lines: it names the field's line there.
  const shownLine = ex.highlightLine ?? line;
  // Also say it in text: screen readers do not announce editor decorations.
  const highlighted = ex.text.split('\n')[shownLine - ex.firstLine]?.trim();
  return (
    <figure className="finding-source">
      <figcaption>
        <code>{where}</code>
        {highlighted !== undefined && <> — highlighted line: <code className="highlighted-line">{highlighted}</code></>}
        {ex.note && <span className="hint"> {ex.note}</span>}
      </figcaption>
      <SourceExcerptEditor file={ex.file} text={ex.text} firstLine={ex.firstLine} language={ex.language} highlightLine={shownLine} />
    </figure>
  );
}
