/**
 * Previous → new image per container: tag, digest, whether it is pinned by digest (a tag can be
 * moved to other bytes after review; a digest cannot), and the registry it is pulled from.
 */
import type { ImageChangeDto, ImageSideDto } from '../../../electron/shared/api-types';

/** `sha256:0123456789ab…` with the whole digest on hover. */
function ShortDigest(props: { readonly digest: string }) {
  const [algo, hex] = props.digest.split(':');
  return <code title={props.digest}>{algo}:{hex?.slice(0, 12)}…</code>;
}

function Side(props: { readonly side: ImageSideDto | null }) {
  const s = props.side;
  if (!s) return <span className="hint">none</span>;
  if (s.state === 'unknown') return <span className="diff-value diff-unknown">(known after apply)</span>;
  if (s.state === 'sensitive') return <span className="diff-value diff-sensitive">(sensitive value)</span>;
  if (s.state === 'invalid') {
    return <span className="image-side"><code className="image-ref">{s.reference}</code><span className="image-invalid">{s.problem ?? 'not a valid image reference'}</span></span>;
  }
  return (
    <span className="image-side">
      {/* The name and tag; the digest, long and unreadable, is shortened below (whole on hover). */}
      <code className="image-ref" title={s.reference}>{s.digest ? s.reference.slice(0, s.reference.lastIndexOf('@')) : s.reference}</code>
      <span className="image-facts">
        <span>registry <code>{s.registry}</code></span>
        {s.tag && <span>tag <code>{s.tag}</code></span>}
        {s.digest ? <span>digest <ShortDigest digest={s.digest} /></span> : null}
        {s.pinned ? <span className="image-pinned">pinned by digest</span> : <span className="image-unpinned" title="A tag can point at other bytes after this review">not pinned: tag only</span>}
      </span>
    </span>
  );
}

export function ImageChanges(props: { readonly images: readonly ImageChangeDto[] }) {
  if (props.images.length === 0) return null;
  return (
    <section className="image-changes" aria-label="Images">
      <h3>Images ({props.images.length})</h3>
      <table className="image-table">
        <thead><tr><th scope="col">Container</th><th scope="col">Previous</th><th scope="col">New</th></tr></thead>
        <tbody>
          {props.images.map((i) => (
            <tr key={i.container} className={`image-${i.change}`}>
              <th scope="row"><code>{i.container}</code> <span className={`diff-note image-change-${i.change}`}>{i.change}</span></th>
              <td><Side side={i.before} /></td>
              <td>{i.change === 'unchanged' ? <span className="hint">same</span> : <Side side={i.after} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
