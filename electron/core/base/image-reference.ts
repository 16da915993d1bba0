import type { ImageReference } from '../model/resource-change';

/*
 * The Docker / OCI distribution reference grammar (github.com/distribution/reference):
 *   reference := name [ ":" tag ] [ "@" digest ]
 *   name      := [ domain "/" ] path-component ( "/" path-component )*
 * The first component is a registry only if it looks like a host (has "." or ":", is
 * "localhost", or has upper case); otherwise the image is on Docker Hub, where one-component
 * names live under "library/".
 */

const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const HOST = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9A-Fa-f:.]+\\])`;
const DOMAIN_RE = new RegExp(`^${HOST}(?::[0-9]+)?$`);
const PATH_COMPONENT_RE = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG_RE = /^[\w][\w.-]{0,127}$/;
const DIGEST_RE = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9A-Fa-f]{32,}$/;
const MAX_NAME_LENGTH = 255;

export const DOCKER_HUB = 'docker.io';

function invalid(ref: string, why: string): never {
  throw new Error(`invalid image reference ${JSON.stringify(ref)}: ${why}`);
}

/** Parses an image reference as written in a manifest or plan; throws an Error naming the problem. */
export function parseImageReference(ref: string): ImageReference {
  if (typeof ref !== 'string' || ref === '') invalid(String(ref), 'it is empty');
  if (/\s/.test(ref)) invalid(ref, 'it contains whitespace');

  let rest = ref;
  let digest = '';
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST_RE.test(digest)) invalid(ref, `"${digest}" is not a digest (algorithm:hex)`);
    if (digest.startsWith('sha256:') && !/^sha256:[a-f0-9]{64}$/.test(digest)) invalid(ref, 'a sha256 digest has 64 lower-case hex digits');
  }

  // A tag is after the last ':' of the LAST path component, so a registry port is never a tag.
  let tag = '';
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG_RE.test(tag)) invalid(ref, `"${tag}" is not a valid tag`);
  }
  if (rest === '') invalid(ref, 'the repository name is missing');
  if (rest.length > MAX_NAME_LENGTH) invalid(ref, `the name is longer than ${MAX_NAME_LENGTH} characters`);

  let registry = DOCKER_HUB;
  let repository = rest;
  const slash = rest.indexOf('/');
  if (slash !== -1) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase()) {
      registry = first;
      repository = rest.slice(slash + 1);
      if (!DOMAIN_RE.test(registry)) invalid(ref, `"${registry}" is not a valid registry host`);
    }
  }
  for (const component of repository.split('/')) {
    if (!PATH_COMPONENT_RE.test(component)) {
      invalid(ref, component === '' ? 'it has an empty path component' : `"${component}" is not a valid repository path component (lower-case letters, digits, and . _ - separators)`);
    }
  }
  if (registry === 'index.docker.io') registry = DOCKER_HUB;
  if (registry === DOCKER_HUB && !repository.includes('/')) repository = `library/${repository}`;
  return { reference: ref, registry, repository, tag, digest };
}
