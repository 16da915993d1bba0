import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parseImageReference } from './image-reference';

const DIGEST = 'sha256:0bc88eb15f9e7f84e8e56c14fa5735aaa488b840983f87bd79b1054190e660de';

describe('parseImageReference', () => {
  const table: Array<[string, string, string, string, string]> = [
    // reference, registry, repository, tag, digest
    ['nginx', 'docker.io', 'library/nginx', '', ''],
    ['nginx:1.27', 'docker.io', 'library/nginx', '1.27', ''],
    ['openpolicyagent/opa', 'docker.io', 'openpolicyagent/opa', '', ''],
    ['openpolicyagent:443/opa', 'openpolicyagent:443', 'opa', '', ''], // a port, not a tag
    ['quay.io/argoproj/argocd:latest', 'quay.io', 'argoproj/argocd', 'latest', ''],
    [`registry.k8s.io/ingress-nginx/controller:v1.1.1@${DIGEST}`, 'registry.k8s.io', 'ingress-nginx/controller', 'v1.1.1', DIGEST],
    [`busybox@${DIGEST}`, 'docker.io', 'library/busybox', '', DIGEST],
    ['localhost:5000/a/b:1', 'localhost:5000', 'a/b', '1', ''],
    ['localhost/app', 'localhost', 'app', '', ''],
    ['public.ecr.aws/docker/library/redis:8.10.1-alpine', 'public.ecr.aws', 'docker/library/redis', '8.10.1-alpine', ''],
    ['123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/api:2024.05.01', '123456789012.dkr.ecr.eu-west-1.amazonaws.com', 'team/api', '2024.05.01', ''],
    ['index.docker.io/library/nginx', 'docker.io', 'library/nginx', '', ''],
    ['docker.io/bitnami/redis:7.2', 'docker.io', 'bitnami/redis', '7.2', ''],
    ['Registry/app', 'Registry', 'app', '', ''], // upper case: only a host may have it
    ['[::1]:5000/app:dev', '[::1]:5000', 'app', 'dev', ''],
    ['ghcr.io/dexidp/dex:v2.45.1', 'ghcr.io', 'dexidp/dex', 'v2.45.1', ''],
    ['my-registry.io/a__b/c-d--e.f:t_1', 'my-registry.io', 'a__b/c-d--e.f', 't_1', ''],
  ];
  for (const [ref, registry, repository, tag, digest] of table) {
    test(ref, () => {
      assert.deepEqual(parseImageReference(ref), { reference: ref, registry, repository, tag, digest });
    });
  }

  const invalid: Array<[string, RegExp]> = [
    ['', /empty/],
    ['nginx latest', /whitespace/],
    ['UPPER', /not a valid repository path component/],
    ['app:bad/tag', /"app:bad" is not a valid registry host/],
    ['nginx:', /not a valid tag/],
    ['nginx@sha256:abc', /not a digest/],
    [`nginx@sha256:${'A'.repeat(64)}`, /64 lower-case hex/],
    ['quay.io//x', /empty path component/],
    [':tag', /repository name is missing/],
    ['bad_host.io/app', /not a valid registry host/],
  ];
  for (const [ref, reason] of invalid) {
    test(`rejects ${JSON.stringify(ref)}`, () => {
      assert.throws(() => parseImageReference(ref), (e: unknown) => {
        assert.ok(e instanceof Error);
        assert.match(e.message, /^invalid image reference /);
        assert.match(e.message, reason);
        return true;
      });
    });
  }
});
